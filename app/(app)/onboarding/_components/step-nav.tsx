import Link from 'next/link';
import { ONBOARDING_STEPS, ONBOARDING_STEP_LABELS, type OnboardingStep } from '@/lib/stores';

/** Steps up to the one reached can be revisited; later ones are not links yet. */
export function StepNav({ shown, reachedIndex }: { shown: OnboardingStep; reachedIndex: number }) {
  return (
    <nav aria-label="Onboarding progress">
      <ol className="flex flex-wrap gap-2 text-sm">
        {ONBOARDING_STEPS.map((step, index) => {
          const isShown = step === shown;
          const reachable = index <= reachedIndex;
          const style = isShown
            ? 'bg-brand-600 text-white'
            : reachable
              ? 'bg-brand-50 text-brand-700 hover:bg-brand-100'
              : 'bg-slate-100 text-slate-400';
          const label = `${index + 1}. ${ONBOARDING_STEP_LABELS[step]}`;
          return (
            <li key={step}>
              {reachable && !isShown ? (
                <Link href={`/onboarding?step=${step}`} className={`inline-block rounded-full px-3 py-1 font-medium ${style}`}>
                  {label}
                </Link>
              ) : (
                <span aria-current={isShown ? 'step' : undefined} className={`inline-block rounded-full px-3 py-1 font-medium ${style}`}>
                  {label}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

import { CHECK_STEP_LABELS, CHECK_STEPS, type CheckStep, type CheckStepResult, type ConnectionCheckResult } from '@/lib/stores/check-view';

type Props = {
  result: ConnectionCheckResult | null;
  pending: boolean;
  /** The steps the running check has finished so far. */
  told?: CheckStepResult[];
  onUseUrl?: (url: string) => void;
};

const ICONS = { passed: '✓', failed: '✕', not_run: '·', checking: '…' } as const;
const ICON_STYLES = {
  passed: 'bg-emerald-100 text-emerald-700',
  failed: 'bg-red-100 text-red-700',
  not_run: 'bg-slate-100 text-slate-400',
  checking: 'bg-amber-100 text-amber-700 animate-pulse',
} as const;
const STATUS_WORDS = { passed: 'passed', failed: 'failed', not_run: 'not checked', checking: 'checking' } as const;

/** While the check runs: the steps it has finished, then the one it is on; afterwards, the result. */
function stepsToShow(
  result: ConnectionCheckResult | null,
  pending: boolean,
  told: CheckStepResult[],
): Array<{ step: CheckStep; found?: CheckStepResult; status: keyof typeof ICONS }> {
  const byStep = new Map<CheckStep, CheckStepResult>((pending ? told : (result?.steps ?? [])).map((s) => [s.step, s]));
  const current = pending && !told.some((s) => s.status === 'failed') ? CHECK_STEPS.find((step) => !byStep.has(step)) : undefined;
  return CHECK_STEPS.map((step) => ({
    step,
    found: byStep.get(step),
    status: byStep.get(step)?.status ?? (step === current ? 'checking' : 'not_run'),
  }));
}

/** The live check, step by step as the store answers: green ticks, or the precise failure and what to do. */
export function ConnectionChecklist({ result, pending, told = [], onUseUrl }: Props) {
  if (!result && !pending) return null;
  const failure = pending ? null : result?.failure;
  return (
    <div className="space-y-3" aria-live="polite">
      <ol className="space-y-2" aria-label="Connection check">
        {stepsToShow(result, pending, told).map(({ step, found, status }) => (
          <li key={step} className="flex items-start gap-3 text-sm" data-testid={`check-step-${step}`} data-status={status}>
            <span
              aria-hidden="true"
              className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${ICON_STYLES[status]}`}
            >
              {ICONS[status]}
            </span>
            <span>
              <span className="font-medium text-slate-900">{CHECK_STEP_LABELS[step]}</span>
              <span className="sr-only">: {STATUS_WORDS[status]}</span>
              {found?.detail && status === 'passed' ? <span className="block text-slate-500">{found.detail}</span> : null}
            </span>
          </li>
        ))}
      </ol>
      {failure ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="check-failure">
          <p>{failure.message}</p>
          {failure.suggestedUrl && onUseUrl ? (
            <button type="button" onClick={() => onUseUrl(failure.suggestedUrl!)} className="mt-2 font-medium text-red-900 underline">
              Use {failure.suggestedUrl}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { NotAllowed } from '@/app/components/not-allowed';
import { ConnectStoreForm } from '@/app/components/stores/connect-store-form';
import { SyncSettingsForm } from '@/app/components/stores/sync-settings-form';
import { Card } from '@/app/components/ui/card';
import { SuccessMessage } from '@/app/components/ui/messages';
import { textLink } from '@/app/components/ui/text-link';
import { WorkspaceNameForm } from '@/app/components/workspace-name-form';
import { can } from '@/lib/auth/permissions';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import {
  ONBOARDING_STEPS,
  currentOnboardingStep,
  isOnboardingStep,
  listStoreViews,
  readSyncSettings,
  type OnboardingStep,
} from '@/lib/stores';
import { ConnectedStores } from './_components/connected-stores';
import { ContinueButton } from './_components/continue-button';
import { StepNav } from './_components/step-nav';
import { SyncPreview } from './_components/sync-preview';
import { saveWorkspaceNameAction } from './actions';

export const metadata: Metadata = { title: 'Set up Orderbridge' };

const HEADINGS: Record<OnboardingStep, { title: string; intro: string }> = {
  workspace: { title: 'Name your workspace', intro: 'A workspace holds one main store and its substores.' },
  main: { title: 'Connect your main store', intro: 'The store whose orders are copied to every substore, and which receives theirs.' },
  substores: { title: 'Connect your substores', intro: 'Connect one or more stores that exchange orders with the main store.' },
  settings: { title: 'Choose sync settings', intro: 'Sensible defaults are chosen; change them now or later on the Stores page.' },
  preview: {
    title: 'Preview the first sync',
    intro: 'Count what Orderbridge would do right now, if you like. Nothing has been copied yet.',
  },
};

export default async function OnboardingPage({ searchParams }: { searchParams: Promise<{ step?: string }> }) {
  const { db, workspace, role } = await requireWorkspaceContext();
  if (!can(role, 'onboarding.manage')) return <NotAllowed role={role} what="set up the workspace's stores" />;
  const [reached, stores, params] = await Promise.all([
    currentOnboardingStep(db, workspace.id),
    listStoreViews(db, workspace.id),
    searchParams,
  ]);
  const reachedIndex = reached === null ? ONBOARDING_STEPS.length - 1 : ONBOARDING_STEPS.indexOf(reached);
  const requested = isOnboardingStep(params.step) && ONBOARDING_STEPS.indexOf(params.step) <= reachedIndex ? params.step : null;
  const shown: OnboardingStep = requested ?? reached ?? 'preview';
  const main = stores.filter((s) => s.role === 'main');
  const subs = stores.filter((s) => s.role === 'sub');
  const heading = HEADINGS[shown];

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <SuccessMessage
        message={
          reached === null ? (
            <>
              Setup is finished. Manage stores and settings on the{' '}
              <Link href="/stores" className={textLink}>
                Stores page
              </Link>
              .
            </>
          ) : null
        }
      />
      <StepNav shown={shown} reachedIndex={reachedIndex} />
      <Card as="section" className="space-y-5 p-6" aria-labelledby="onboarding-heading">
        <div>
          <h1 id="onboarding-heading" className="text-xl font-semibold text-slate-900">
            {heading.title}
          </h1>
          <p className="text-sm text-slate-600">{heading.intro}</p>
        </div>

        {shown === 'workspace' ? (
          <WorkspaceNameForm
            action={saveWorkspaceNameAction}
            name={workspace.name}
            hint="Usually your business name; everyone you invite sees it."
            submitLabel="Save and continue"
            pendingLabel="Saving…"
          />
        ) : null}

        {shown === 'main' ? (
          <>
            <ConnectedStores stores={main} emptyText="No main store yet." />
            <ConnectStoreForm role="main" submitLabel="Check and connect main store" fieldsHidden={main.length > 0} />
            {main.length > 0 ? <ContinueButton to="substores" label="Continue to substores" /> : null}
          </>
        ) : null}

        {shown === 'substores' ? (
          <>
            <ConnectedStores stores={subs} emptyText="No substores yet." />
            <ConnectStoreForm role="sub" submitLabel="Check and connect substore" />
            <ContinueButton to="settings" label="Continue to sync settings" disabled={subs.length === 0} />
          </>
        ) : null}

        {shown === 'settings' ? (
          <SyncSettingsForm settings={await readSyncSettings(db, workspace.id)} submitLabel="Save and continue" continueTo="preview" />
        ) : null}

        {shown === 'preview' ? <SyncPreview /> : null}
      </Card>
    </div>
  );
}

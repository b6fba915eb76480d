'use client';

import { useActionState, useState, useTransition } from 'react';
import {
  describeStoreRemovalAction,
  recheckStoreAction,
  removeStoreAction,
  replaceStoreKeysAction,
  setStorePausedAction,
  setSubstoreDirectionAction,
} from '@/app/(app)/stores/actions';
import { ConnectionChecklist } from '@/app/components/stores/connection-checklist';
import { useLiveCheck } from '@/app/components/stores/use-live-check';
import { Button } from '@/app/components/ui/button';
import { Card } from '@/app/components/ui/card';
import { Field, Hint, Input } from '@/app/components/ui/field';
import { ActionError, SuccessMessage } from '@/app/components/ui/messages';
import type { ActionState } from '@/lib/actions/action-state';
import type { StoreView } from '@/lib/stores/check-view';
import type { WebhookStatusView } from '@/lib/webhooks/status-view';

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const when = (date: Date | null) => (date ? `${dateTime.format(new Date(date))} UTC` : 'never');

function Health({ store, webhooks }: { store: StoreView; webhooks: WebhookStatusView | null }) {
  const healthy = !store.lastError;
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
      <div>
        <dt className="inline text-slate-500">Last successful contact: </dt>
        <dd className="inline text-slate-800">{when(store.lastContactAt)}</dd>
      </div>
      <div>
        <dt className="inline text-slate-500">Key: </dt>
        <dd className="inline font-mono text-slate-800">…{store.consumerKeyLast4}</dd>
      </div>
      <div>
        <dt className="inline text-slate-500">Details: </dt>
        <dd className="inline text-slate-800">
          {[store.wooVersion && `WooCommerce ${store.wooVersion}`, store.currency, store.timezone].filter(Boolean).join(' · ') ||
            'not reported'}
        </dd>
      </div>
      <div className="sm:col-span-2">
        <dt className="inline text-slate-500">Last error: </dt>
        <dd className={`inline ${healthy ? 'text-slate-800' : 'text-red-700'}`} data-testid="store-last-error">
          {healthy ? 'none' : `${store.lastError} (${when(store.lastErrorAt)})`}
        </dd>
      </div>
      {webhooks ? (
        <div className="sm:col-span-2">
          <dt className="inline text-slate-500">Webhooks: </dt>
          <dd
            className={`inline ${webhooks.state === 'attention' ? 'text-amber-700' : 'text-slate-800'}`}
            data-testid="store-webhooks"
            data-state={webhooks.state}
          >
            {webhooks.label}
            {webhooks.lastDeliveryAt ? ` Last delivery: ${when(webhooks.lastDeliveryAt)}.` : ''}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function RecheckButton({ store }: { store: StoreView }) {
  const { state, formAction: action, pending, steps } = useLiveCheck(recheckStoreAction);
  return (
    <div className="space-y-2">
      <form action={action}>
        <input type="hidden" name="storeId" value={store.id} />
        <Button variant="secondary" disabled={pending}>
          {pending ? 'Checking…' : 'Re-check connection'}
        </Button>
      </form>
      <ActionError state={state} />
      <ConnectionChecklist result={state?.ok ? state.data.check : null} pending={pending} told={steps} />
    </div>
  );
}

function ReplaceKeys({ store }: { store: StoreView }) {
  const [open, setOpen] = useState(false);
  const { state, formAction: action, pending, steps } = useLiveCheck(replaceStoreKeysAction);
  const replaced = state?.ok && state.data.check.ok;
  if (!open) {
    return (
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        Replace keys
      </Button>
    );
  }
  return (
    <form action={action} className="w-full space-y-3 rounded-md border border-slate-200 p-3" noValidate>
      <input type="hidden" name="storeId" value={store.id} />
      <p className="text-sm text-slate-600">
        New keys replace the current ones (…{store.consumerKeyLast4}) only if they pass the connection check.
      </p>
      <Field label="New consumer key">
        <Input name="consumerKey" autoComplete="off" spellCheck={false} placeholder="ck_…" className="font-mono" />
      </Field>
      <Field label="New consumer secret">
        <Input name="consumerSecret" type="password" autoComplete="new-password" placeholder="cs_…" className="font-mono" />
      </Field>
      <ActionError state={state} />
      <ConnectionChecklist result={state?.ok ? state.data.check : null} pending={pending} told={steps} />
      <SuccessMessage plain message={replaced ? 'Keys replaced.' : null} />
      <div className="flex gap-2">
        <Button variant="secondary" disabled={pending}>
          {pending ? 'Checking…' : 'Check and replace'}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
          Close
        </Button>
      </div>
    </form>
  );
}

function PauseToggle({ store }: { store: StoreView }) {
  const [state, action, pending] = useActionState(setStorePausedAction, undefined);
  return (
    <form action={action}>
      <input type="hidden" name="storeId" value={store.id} />
      <input type="hidden" name="paused" value={store.paused ? 'false' : 'true'} />
      <Button variant="secondary" disabled={pending}>
        {store.paused ? 'Resume syncing' : 'Pause syncing'}
      </Button>
      <ActionError state={state} />
    </form>
  );
}

function DirectionToggle({
  store,
  direction,
  label,
  hint,
}: {
  store: StoreView;
  direction: 'receivesMainOrders' | 'sendsOrdersToMain';
  label: string;
  hint: string;
}) {
  const [state, action, pending] = useActionState(setSubstoreDirectionAction, undefined);
  const enabled = store[direction];
  return (
    <form action={action} className="flex items-start justify-between gap-4 py-2">
      <input type="hidden" name="storeId" value={store.id} />
      <input type="hidden" name="direction" value={direction} />
      <input type="hidden" name="enabled" value={enabled ? 'false' : 'true'} />
      <div className="text-sm">
        <span className="font-medium text-slate-800" id={`${store.id}-${direction}`}>
          {label}
        </span>
        <Hint>{hint}</Hint>
        <ActionError state={state} />
      </div>
      <button
        type="submit"
        role="switch"
        aria-checked={enabled}
        aria-labelledby={`${store.id}-${direction}`}
        disabled={pending}
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition ${enabled ? 'bg-brand-600' : 'bg-slate-300'}`}
      >
        <span className={`inline-block h-5 w-5 rounded-full bg-white shadow transition ${enabled ? 'translate-x-5' : 'translate-x-0.5'}`} />
      </button>
    </form>
  );
}

function RemoveStore({ store }: { store: StoreView }) {
  const [confirming, setConfirming] = useState(false);
  const [statement, setStatement] = useState<ActionState<string>>(undefined);
  const [describing, startDescribing] = useTransition();
  const [state, action, pending] = useActionState(removeStoreAction, undefined);
  if (!confirming) {
    const open = () => {
      setConfirming(true);
      setStatement(undefined);
      startDescribing(async () => setStatement(await describeStoreRemovalAction(undefined, { storeId: store.id })));
    };
    return (
      <Button type="button" variant="danger-secondary" onClick={open}>
        Remove…
      </Button>
    );
  }
  const described = statement?.ok && !describing;
  return (
    <form
      action={action}
      role="alertdialog"
      aria-labelledby={`remove-${store.id}`}
      className="w-full space-y-3 rounded-md border border-red-200 bg-red-50 p-3"
    >
      <input type="hidden" name="storeId" value={store.id} />
      <input type="hidden" name="confirm" value="remove" />
      <p id={`remove-${store.id}`} className="text-sm text-red-900" aria-live="polite">
        {described ? statement.data : statement && !statement.ok ? null : `Counting what removing ${store.name} would delete…`}
      </p>
      <ActionError state={describing ? undefined : statement} />
      <ActionError state={state} />
      <div className="flex gap-2">
        <Button variant="danger" disabled={pending || !described}>
          {pending ? 'Removing…' : `Remove ${store.name}`}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
          Keep it
        </Button>
      </div>
    </form>
  );
}

/** One store: role, URL, health, and what can be done with it. */
export function StoreCard({ store, webhooks }: { store: StoreView; webhooks: WebhookStatusView | null }) {
  return (
    <Card as="article" className="space-y-4 p-4" aria-labelledby={`store-${store.id}`} data-testid="store-card">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h3 id={`store-${store.id}`} className="text-base font-semibold text-slate-900">
            {store.name}
          </h3>
          <p className="text-sm text-slate-600">{store.url}</p>
        </div>
        <div className="flex gap-2 text-xs font-medium">
          <span className="rounded-full bg-brand-50 px-2 py-0.5 text-brand-700">{store.role === 'main' ? 'Main store' : 'Substore'}</span>
          {store.paused ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-800">Paused</span> : null}
        </div>
      </header>
      <Health store={store} webhooks={webhooks} />
      {store.role === 'sub' ? (
        <div className="divide-y divide-slate-100 border-y border-slate-100">
          <DirectionToggle
            store={store}
            direction="receivesMainOrders"
            label="Receive main-store orders"
            hint="New orders from the main store are copied here."
          />
          <DirectionToggle
            store={store}
            direction="sendsOrdersToMain"
            label="Send its orders to the main store"
            hint="Orders placed here are copied to the main store."
          />
        </div>
      ) : null}
      <div className="flex flex-wrap items-start gap-2">
        <RecheckButton store={store} />
        <ReplaceKeys store={store} />
        <PauseToggle store={store} />
        <RemoveStore store={store} />
      </div>
    </Card>
  );
}

'use client';

import { useState } from 'react';
import { connectStoreAction } from '@/app/(app)/stores/actions';
import { Button } from '@/app/components/ui/button';
import { Field, Input } from '@/app/components/ui/field';
import { ActionError, SuccessMessage } from '@/app/components/ui/messages';
import { ConnectionChecklist } from './connection-checklist';
import { useLiveCheck } from './use-live-check';

type Props = {
  role: 'main' | 'sub';
  submitLabel: string;
  /** Keeps the last check on screen but offers no fields (the onboarding main step, once the main store exists). */
  fieldsHidden?: boolean;
};

const EMPTY_FIELDS = { url: '', consumerKey: '', consumerSecret: '', name: '' };
type FieldName = keyof typeof EMPTY_FIELDS;

/** URL, consumer key and secret (a password field); the live checklist runs before anything is saved. */
export function ConnectStoreForm({ role, submitLabel, fieldsHidden = false }: Props) {
  const [fields, setFields] = useState(EMPTY_FIELDS);
  const { state, formAction, pending, steps } = useLiveCheck(connectStoreAction, (outcome) => {
    if (outcome?.ok && outcome.data.store) setFields(EMPTY_FIELDS);
  });
  const result = state?.ok ? state.data.check : null;
  const connected = state?.ok && state.data.store ? state.data.store : null;
  const idPrefix = `connect-${role}`;
  // Controlled fields: a failed check leaves what was typed in place to be corrected.
  const field = (name: FieldName) => ({
    id: `${idPrefix}-${name}`,
    name,
    value: fields[name],
    onChange: (event: { target: { value: string } }) => setFields((current) => ({ ...current, [name]: event.target.value })),
  });
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid={`connect-${role}-form`}>
      <input type="hidden" name="role" value={role} />
      {fieldsHidden ? null : (
        <>
          <Field
            label="Store address"
            htmlFor={`${idPrefix}-url`}
            hint="Exactly as your WordPress site calls itself (Settings → General → Site Address)."
          >
            <Input {...field('url')} type="url" inputMode="url" autoComplete="url" placeholder="https://shop.example.com" />
          </Field>
          <Field label="Consumer key" htmlFor={`${idPrefix}-consumerKey`}>
            <Input {...field('consumerKey')} autoComplete="off" spellCheck={false} placeholder="ck_…" className="font-mono" />
          </Field>
          <Field
            label="Consumer secret"
            htmlFor={`${idPrefix}-consumerSecret`}
            hint="Create a Read/Write key in WooCommerce → Settings → Advanced → REST API. It is stored encrypted and never shown again."
          >
            <Input {...field('consumerSecret')} type="password" autoComplete="new-password" placeholder="cs_…" className="font-mono" />
          </Field>
          <Field label="Name in Orderbridge (optional)" htmlFor={`${idPrefix}-name`} hint="Defaults to the site title.">
            <Input {...field('name')} />
          </Field>
        </>
      )}
      <ActionError state={state} />
      <ConnectionChecklist
        result={result}
        pending={pending}
        told={steps}
        onUseUrl={(url) => setFields((current) => ({ ...current, url }))}
      />
      <SuccessMessage
        message={connected ? `Connected “${connected.name}” (${connected.url}) — key ending in …${connected.consumerKeyLast4}.` : null}
      />
      {fieldsHidden ? null : <Button disabled={pending}>{pending ? 'Checking the connection…' : submitLabel}</Button>}
    </form>
  );
}

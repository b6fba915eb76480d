'use client';

import { useState } from 'react';
import { primaryButton } from '@/app/components/console/styles';
import { connectStoreAction } from '../actions';
import { ConnectionChecklist } from './connection-checklist';
import { errorClass, hintClass, inputClass, labelClass } from './form-styles';
import { useLiveCheck } from './use-live-check';

type Props = {
  role: 'main' | 'sub';
  submitLabel: string;
  /** Keeps the last check on screen but offers no fields (the onboarding main step, once the main store exists). */
  fieldsHidden?: boolean;
};

/** URL, consumer key and secret (a password field); the live checklist runs before anything is saved. */
export function ConnectStoreForm({ role, submitLabel, fieldsHidden = false }: Props) {
  const [url, setUrl] = useState('');
  const [consumerKey, setConsumerKey] = useState('');
  const [consumerSecret, setConsumerSecret] = useState('');
  const [name, setName] = useState('');
  const { state, formAction, pending, steps } = useLiveCheck(connectStoreAction, (outcome) => {
    if (outcome?.ok && outcome.data.store) {
      setUrl('');
      setConsumerKey('');
      setConsumerSecret('');
      setName('');
    }
  });
  const result = state?.ok ? state.data.check : null;
  const connected = state?.ok && state.data.store ? state.data.store : null;
  const idPrefix = `connect-${role}`;
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid={`connect-${role}-form`}>
      <input type="hidden" name="role" value={role} />
      {fieldsHidden ? null : (
        <>
      <label className={labelClass} htmlFor={`${idPrefix}-url`}>
        Store address
        <input
          id={`${idPrefix}-url`}
          name="url"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://shop.example.com"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          className={inputClass}
        />
        <span className={hintClass}>Exactly as your WordPress site calls itself (Settings → General → Site Address).</span>
      </label>
      <label className={labelClass} htmlFor={`${idPrefix}-key`}>
        Consumer key
        <input
          id={`${idPrefix}-key`}
          name="consumerKey"
          autoComplete="off"
          spellCheck={false}
          placeholder="ck_…"
          value={consumerKey}
          onChange={(e) => setConsumerKey(e.target.value)}
          className={`${inputClass} font-mono`}
        />
      </label>
      <label className={labelClass} htmlFor={`${idPrefix}-secret`}>
        Consumer secret
        <input
          id={`${idPrefix}-secret`}
          name="consumerSecret"
          type="password"
          autoComplete="new-password"
          placeholder="cs_…"
          value={consumerSecret}
          onChange={(e) => setConsumerSecret(e.target.value)}
          className={`${inputClass} font-mono`}
        />
        <span className={hintClass}>Create a Read/Write key in WooCommerce → Settings → Advanced → REST API. It is stored encrypted and never shown again.</span>
      </label>
      <label className={labelClass} htmlFor={`${idPrefix}-name`}>
        Name in Orderbridge (optional)
        <input id={`${idPrefix}-name`} name="name" value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />
        <span className={hintClass}>Defaults to the site title.</span>
      </label>
        </>
      )}
      {state && !state.ok ? (
        <p role="alert" className={errorClass}>
          {state.error}
        </p>
      ) : null}
      <ConnectionChecklist result={result} pending={pending} told={steps} onUseUrl={setUrl} />
      {connected ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Connected “{connected.name}” ({connected.url}) — key ending in …{connected.consumerKeyLast4}.
        </p>
      ) : null}
      {fieldsHidden ? null : (
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? 'Checking the connection…' : submitLabel}
        </button>
      )}
    </form>
  );
}

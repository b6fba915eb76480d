'use client';

import { useActionState, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { saveSyncSettingsAction } from '@/app/(app)/stores/actions';
import { Button } from '@/app/components/ui/button';
import { Field, Hint, Input } from '@/app/components/ui/field';
import { ActionError, SuccessMessage } from '@/app/components/ui/messages';
import { SYNC_SETTING_EXPLANATIONS } from '@/lib/stores/sync-setting-explanations';

export type SyncSettingsValues = {
  syncStartAt: Date | null;
  keepSubstoreCopiesUpdated: boolean;
  customerEmailPolicy: 'suppress' | 'allow';
  stockPolicy: 'reduce' | 'leave';
  currencyMismatchPolicy: 'hold' | 'allow';
  addCopyNote: boolean;
};

function Choice({ legend, explanation, children }: { legend: string; explanation: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <Hint>{explanation}</Hint>
      <div className="flex flex-wrap gap-4 pt-1">{children}</div>
    </fieldset>
  );
}

/** A radio button or checkbox with its words beside it. */
function Option({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="inline-flex items-center gap-2 text-sm text-slate-700">
      <input {...input} className="accent-brand-600" />
      {label}
    </label>
  );
}

type Policy = 'customerEmailPolicy' | 'stockPolicy' | 'currencyMismatchPolicy';
const POLICIES: Policy[] = ['customerEmailPolicy', 'stockPolicy', 'currencyMismatchPolicy'];
const POLICY_CHOICES: { [P in Policy]: { legend: string; options: Array<[SyncSettingsValues[P], string]> } } = {
  customerEmailPolicy: {
    legend: 'Customer emails on receiving stores',
    options: [
      ['suppress', 'Suppress (recommended)'],
      ['allow', 'Allow'],
    ],
  },
  stockPolicy: {
    legend: 'Stock on receiving stores',
    options: [
      ['reduce', 'Reduce stock'],
      ['leave', 'Leave stock untouched'],
    ],
  },
  currencyMismatchPolicy: {
    legend: 'Currency mismatch between stores',
    options: [
      ['hold', 'Hold the order and explain'],
      ['allow', 'Copy it anyway'],
    ],
  },
};

type Props = { settings: SyncSettingsValues; submitLabel?: string; continueTo?: 'preview' };

export function SyncSettingsForm({ settings, submitLabel = 'Save sync settings', continueTo }: Props) {
  const [state, action, pending] = useActionState(saveSyncSettingsAction, undefined);
  const [mode, setMode] = useState<'connected' | 'custom'>(settings.syncStartAt ? 'custom' : 'connected');
  const startValue = settings.syncStartAt ? new Date(settings.syncStartAt).toISOString().slice(0, 16) : '';
  return (
    <form action={action} className="space-y-5" noValidate data-testid="sync-settings-form">
      {continueTo ? <input type="hidden" name="continueTo" value={continueTo} /> : null}
      <Choice legend="Sync start" explanation={SYNC_SETTING_EXPLANATIONS.syncStartAt}>
        <Option
          type="radio"
          name="syncStartMode"
          value="connected"
          checked={mode === 'connected'}
          onChange={() => setMode('connected')}
          label="When each store was connected"
        />
        <Option
          type="radio"
          name="syncStartMode"
          value="custom"
          checked={mode === 'custom'}
          onChange={() => setMode('custom')}
          label="From a date"
        />
        {mode === 'custom' ? (
          <Field label="Start (UTC)">
            <Input type="datetime-local" name="syncStartAt" defaultValue={startValue} />
          </Field>
        ) : null}
      </Choice>
      <Choice legend="Keep substore copies updated" explanation={SYNC_SETTING_EXPLANATIONS.keepSubstoreCopiesUpdated}>
        <Option
          type="checkbox"
          name="keepSubstoreCopiesUpdated"
          defaultChecked={settings.keepSubstoreCopiesUpdated}
          label="Update copies when a main-store order changes"
        />
      </Choice>
      {POLICIES.map((policy) => (
        <Choice key={policy} legend={POLICY_CHOICES[policy].legend} explanation={SYNC_SETTING_EXPLANATIONS[policy]}>
          {POLICY_CHOICES[policy].options.map(([value, label]) => (
            <Option key={value} type="radio" name={policy} value={value} defaultChecked={settings[policy] === value} label={label} />
          ))}
        </Choice>
      ))}
      <Choice legend="Private note on each copy" explanation={SYNC_SETTING_EXPLANATIONS.addCopyNote}>
        <Option
          type="checkbox"
          name="addCopyNote"
          defaultChecked={settings.addCopyNote}
          label="Add a private note to every copy (one request per copy)"
        />
      </Choice>
      <ActionError state={state} />
      <SuccessMessage plain message={state?.ok ? 'Sync settings saved.' : null} />
      <Button disabled={pending}>{pending ? 'Saving…' : submitLabel}</Button>
    </form>
  );
}

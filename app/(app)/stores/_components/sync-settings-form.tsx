'use client';

import { useActionState, useState, type ReactNode } from 'react';
import { primaryButton } from '@/app/components/console/styles';
import { SYNC_SETTING_EXPLANATIONS } from '@/lib/stores/sync-setting-explanations';
import { saveSyncSettingsAction } from '../actions';
import { errorClass, hintClass, inputClass, labelClass } from './form-styles';

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
      <p className={hintClass}>{explanation}</p>
      <div className="flex flex-wrap gap-4 pt-1">{children}</div>
    </fieldset>
  );
}

function Radio({ name, value, checked, label }: { name: string; value: string; checked: boolean; label: string }) {
  return (
    <label className="inline-flex items-center gap-2 text-sm text-slate-700">
      <input type="radio" name={name} value={value} defaultChecked={checked} className="accent-brand-600" />
      {label}
    </label>
  );
}

type Props = { settings: SyncSettingsValues; submitLabel?: string; continueTo?: 'preview' };

export function SyncSettingsForm({ settings, submitLabel = 'Save sync settings', continueTo }: Props) {
  const [state, action, pending] = useActionState(saveSyncSettingsAction, undefined);
  const [mode, setMode] = useState<'connected' | 'custom'>(settings.syncStartAt ? 'custom' : 'connected');
  const startValue = settings.syncStartAt ? new Date(settings.syncStartAt).toISOString().slice(0, 16) : '';
  return (
    <form action={action} className="space-y-5" noValidate data-testid="sync-settings-form">
      {continueTo ? <input type="hidden" name="continueTo" value={continueTo} /> : null}
      <Choice legend="Sync start" explanation={SYNC_SETTING_EXPLANATIONS.syncStartAt}>
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input type="radio" name="syncStartMode" value="connected" checked={mode === 'connected'} onChange={() => setMode('connected')} className="accent-brand-600" />
          When each store was connected
        </label>
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input type="radio" name="syncStartMode" value="custom" checked={mode === 'custom'} onChange={() => setMode('custom')} className="accent-brand-600" />
          From a date
        </label>
        {mode === 'custom' ? (
          <label className={labelClass}>
            Start (UTC)
            <input type="datetime-local" name="syncStartAt" defaultValue={startValue} className={inputClass} />
          </label>
        ) : null}
      </Choice>
      <Choice legend="Keep substore copies updated" explanation={SYNC_SETTING_EXPLANATIONS.keepSubstoreCopiesUpdated}>
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="keepSubstoreCopiesUpdated" defaultChecked={settings.keepSubstoreCopiesUpdated} className="accent-brand-600" />
          Update copies when a main-store order changes
        </label>
      </Choice>
      <Choice legend="Customer emails on receiving stores" explanation={SYNC_SETTING_EXPLANATIONS.customerEmailPolicy}>
        <Radio name="customerEmailPolicy" value="suppress" checked={settings.customerEmailPolicy === 'suppress'} label="Suppress (recommended)" />
        <Radio name="customerEmailPolicy" value="allow" checked={settings.customerEmailPolicy === 'allow'} label="Allow" />
      </Choice>
      <Choice legend="Stock on receiving stores" explanation={SYNC_SETTING_EXPLANATIONS.stockPolicy}>
        <Radio name="stockPolicy" value="reduce" checked={settings.stockPolicy === 'reduce'} label="Reduce stock" />
        <Radio name="stockPolicy" value="leave" checked={settings.stockPolicy === 'leave'} label="Leave stock untouched" />
      </Choice>
      <Choice legend="Currency mismatch between stores" explanation={SYNC_SETTING_EXPLANATIONS.currencyMismatchPolicy}>
        <Radio name="currencyMismatchPolicy" value="hold" checked={settings.currencyMismatchPolicy === 'hold'} label="Hold the order and explain" />
        <Radio name="currencyMismatchPolicy" value="allow" checked={settings.currencyMismatchPolicy === 'allow'} label="Copy it anyway" />
      </Choice>
      <Choice legend="Private note on each copy" explanation={SYNC_SETTING_EXPLANATIONS.addCopyNote}>
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="addCopyNote" defaultChecked={settings.addCopyNote} className="accent-brand-600" />
          Add a private note to every copy (one request per copy)
        </label>
      </Choice>
      {state && !state.ok ? (
        <p role="alert" className={errorClass}>
          {state.error}
        </p>
      ) : null}
      {state?.ok ? (
        <p role="status" className="text-sm text-emerald-700">
          Sync settings saved.
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}

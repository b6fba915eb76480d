'use client';

import Link from 'next/link';
import { useActionState, useRef } from 'react';
import { switchWorkspaceAction } from '@/app/(app)/workspaces/actions';

type Option = { id: string; name: string; role: string };

/** The header's workspace menu: choosing one switches this browser to it (the server checks the membership). */
export function WorkspaceSwitcher({ current, options }: { current: string; options: Option[] }) {
  const [state, action, pending] = useActionState(switchWorkspaceAction, undefined);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="flex items-center gap-2">
      <label className="sr-only" htmlFor="workspace-switcher">
        Workspace
      </label>
      <select
        id="workspace-switcher"
        name="workspaceId"
        defaultValue={current}
        disabled={pending}
        onChange={() => form.current?.requestSubmit()}
        className="max-w-[14rem] rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700"
      >
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name} ({option.role})
          </option>
        ))}
      </select>
      <Link href="/workspaces/new" className="text-sm text-brand-700 hover:underline">
        New workspace
      </Link>
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}

export const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500';
export const labelClass = 'block text-sm font-medium text-slate-700';
export const hintClass = 'mt-1 block text-xs font-normal text-slate-500';
export const errorClass = 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-700';

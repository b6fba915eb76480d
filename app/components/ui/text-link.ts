/** An inline link in running text. */
export const textLink = 'font-medium text-brand-700 underline-offset-2 hover:underline';

import { formatMoney } from '@/lib/console/format';
import type { AddressLines, OrderBodyView } from '@/lib/console/order-body';
import { Card } from '@/app/components/ui/card';

function Address({ title, address }: { title: string; address: AddressLines | null }) {
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      {address ? (
        <address className="mt-1 text-sm not-italic leading-relaxed text-slate-700">
          {address.lines.map((line, index) => (
            <span key={index} className="block">
              {line}
            </span>
          ))}
          {address.email ? <span className="block">{address.email}</span> : null}
          {address.phone ? <span className="block">{address.phone}</span> : null}
        </address>
      ) : (
        <p className="mt-1 text-sm text-slate-500">None given</p>
      )}
    </div>
  );
}

export function OrderItems({ body, currency, total }: { body: OrderBodyView; currency: string; total: string }) {
  const money = (value: number | string) => formatMoney(String(value), currency);
  const rows: [string, string][] = [['Items', money(body.itemsSubtotal)]];
  if (body.discount > 0)
    rows.push([`Discount${body.couponCodes.length ? ` (${body.couponCodes.join(', ')})` : ''}`, `−${money(body.discount)}`]);
  if (body.shipping.length) rows.push([`Shipping (${body.shipping.map((line) => line.title).join(', ')})`, money(body.shippingTotal)]);
  for (const fee of body.fees) rows.push([fee.name, money(fee.total)]);
  if (body.taxAndRounding !== 0) rows.push(['Tax', money(body.taxAndRounding)]);
  return (
    <Card as="section" aria-labelledby="items-heading" className="p-4">
      <h2 id="items-heading" className="text-base font-semibold">
        Items
      </h2>
      {body.lines.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">The store sent no line items for this order.</p>
      ) : (
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">Line items</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-1.5 pr-2 font-semibold">
                Product
              </th>
              <th scope="col" className="py-1.5 pr-2 font-semibold">
                SKU
              </th>
              <th scope="col" className="py-1.5 pr-2 text-right font-semibold">
                Qty
              </th>
              <th scope="col" className="py-1.5 text-right font-semibold">
                Total
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {body.lines.map((line, index) => (
              <tr key={`${line.sku ?? line.name}-${index}`}>
                <td className="py-1.5 pr-2 text-slate-800">{line.name}</td>
                <td className="py-1.5 pr-2 font-mono text-xs text-slate-600">{line.sku ?? '—'}</td>
                <td className="py-1.5 pr-2 text-right tabular-nums">{line.quantity}</td>
                <td className="py-1.5 text-right tabular-nums">{money(line.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <dl className="mt-3 space-y-1 border-t border-slate-200 pt-3 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-4 text-slate-700">
            <dt>{label}</dt>
            <dd className="tabular-nums">{value}</dd>
          </div>
        ))}
        <div className="flex justify-between gap-4 font-semibold text-slate-900">
          <dt>Total</dt>
          <dd className="tabular-nums" data-testid="order-total">
            {money(total)}
          </dd>
        </div>
      </dl>
    </Card>
  );
}

export function OrderCustomer({ body }: { body: OrderBodyView }) {
  return (
    <Card as="section" aria-labelledby="customer-heading" className="space-y-4 p-4">
      <h2 id="customer-heading" className="text-base font-semibold">
        Customer
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <Address title="Billing address" address={body.billing} />
        <Address title="Shipping address" address={body.shippingAddress} />
      </div>
      {body.paymentMethodTitle ? (
        <p className="text-sm text-slate-700">
          <span className="font-medium">Payment:</span> {body.paymentMethodTitle}
        </p>
      ) : null}
      {body.customerNote ? (
        <p className="text-sm text-slate-700">
          <span className="font-medium">Customer note:</span> {body.customerNote}
        </p>
      ) : null}
    </Card>
  );
}

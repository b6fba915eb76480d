import { truncateToSecond } from './wc-dates';

export interface VariationSpec {
  sku: string;
  option: string;
  priceCents: number;
}

export interface ProductSpec {
  sku: string;
  name: string;
  priceCents: number;
  stock?: number;
  virtual?: boolean;
  /** A variable product: its variations carry the SKUs orders use. */
  variations?: { attributeName: string; options: VariationSpec[] };
}

export interface Product {
  id: number;
  type: 'simple' | 'variable' | 'variation';
  name: string;
  slug: string;
  sku: string;
  priceCents: number;
  manageStock: boolean;
  stockQuantity: number | null;
  virtual: boolean;
  parentId: number;
  variationIds: number[];
  attribute: { name: string; slug: string; option: string } | null;
  attributeOptions: string[];
  totalSales: number;
  createdAt: number;
  modifiedAt: number;
}

/** The demo shop of the captures: the same SKUs on every store. */
export const DEFAULT_PRODUCTS: readonly ProductSpec[] = [
  { sku: 'RW-TSHIRT', name: 'RealWoo T-Shirt', priceCents: 2000, stock: 100 },
  { sku: 'RW-MUG', name: 'RealWoo Mug', priceCents: 1250, stock: 100 },
  { sku: 'RW-HOODIE', name: 'RealWoo Hoodie', priceCents: 4500, stock: 100 },
  { sku: 'RW-CAP', name: 'RealWoo Cap', priceCents: 1500, stock: 100 },
  {
    sku: 'RW-SOCKS',
    name: 'RealWoo Socks',
    priceCents: 800,
    variations: {
      attributeName: 'Size',
      options: [
        { sku: 'RW-SOCKS-S', option: 'S', priceCents: 800 },
        { sku: 'RW-SOCKS-L', option: 'L', priceCents: 900 },
      ],
    },
  },
];

export const DEFAULT_STOCK = 100;

export interface CatalogueOptions {
  products?: readonly ProductSpec[];
  /** SKUs (products or variations) this store does not sell. */
  missingSkus?: readonly string[];
  /** First product id; each store gets its own so ids never line up across stores. */
  firstProductId: number;
  /** Rotates the creation order so the id → SKU mapping differs between stores, not just by an offset. */
  rotation: number;
  createdAt: number;
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');
}

export class Catalogue {
  private readonly byId = new Map<number, Product>();
  private readonly bySku = new Map<string, Product>();

  constructor(options: CatalogueOptions) {
    const specs = [...(options.products ?? DEFAULT_PRODUCTS)];
    const rotation = specs.length ? options.rotation % specs.length : 0;
    const ordered = [...specs.slice(rotation), ...specs.slice(0, rotation)];
    const missing = new Set(options.missingSkus ?? []);
    const createdAt = truncateToSecond(options.createdAt);
    let nextId = options.firstProductId;
    const parents: Array<{ parent: Product; spec: ProductSpec }> = [];

    for (const spec of ordered) {
      if (missing.has(spec.sku)) continue;
      const product = this.add({
        id: nextId++,
        type: spec.variations ? 'variable' : 'simple',
        name: spec.name,
        slug: slugify(spec.name),
        sku: spec.sku,
        priceCents: spec.priceCents,
        manageStock: !spec.variations,
        stockQuantity: spec.variations ? null : (spec.stock ?? DEFAULT_STOCK),
        virtual: spec.virtual ?? false,
        parentId: 0,
        variationIds: [],
        attribute: spec.variations
          ? { name: spec.variations.attributeName, slug: slugify(spec.variations.attributeName), option: '' }
          : null,
        attributeOptions: spec.variations?.options.map((option) => option.option) ?? [],
        totalSales: 0,
        createdAt,
        modifiedAt: createdAt,
      });
      if (spec.variations) parents.push({ parent: product, spec });
    }
    // Variations are created after their parents, as the captures' ids show (socks 14 → 15, 16).
    for (const { parent, spec } of parents) {
      const variations = spec.variations;
      if (!variations) continue;
      for (const option of variations.options) {
        if (missing.has(option.sku)) continue;
        const variation = this.add({
          id: nextId++,
          type: 'variation',
          name: `${parent.name} - ${option.option}`,
          slug: `${parent.slug}-${slugify(option.option)}`,
          sku: option.sku,
          priceCents: option.priceCents,
          manageStock: true,
          stockQuantity: spec.stock ?? DEFAULT_STOCK,
          virtual: parent.virtual,
          parentId: parent.id,
          variationIds: [],
          attribute: { name: variations.attributeName, slug: slugify(variations.attributeName), option: option.option },
          attributeOptions: [],
          totalSales: 0,
          createdAt,
          modifiedAt: createdAt,
        });
        parent.variationIds.push(variation.id);
      }
    }
  }

  private add(product: Product): Product {
    this.byId.set(product.id, product);
    this.bySku.set(product.sku, product);
    return product;
  }

  get(id: number): Product | undefined {
    return this.byId.get(id);
  }

  findBySku(sku: string): Product | undefined {
    return this.bySku.get(sku);
  }

  all(): Product[] {
    return [...this.byId.values()];
  }

  /** Products a shopper can put in a cart: simple products and variations. */
  purchasable(): Product[] {
    return this.all().filter((product) => product.type !== 'variable');
  }

  parentOf(product: Product): Product | undefined {
    return product.parentId ? this.byId.get(product.parentId) : undefined;
  }
}

// The shop page: products, a cart, one button that places an order, and that order's live
// status and trace. Telemetry starts first so the document load is traced too.
import { startBrowserTelemetry } from './telemetry';
startBrowserTelemetry();

import { ApiError, shopApi, type Product } from './api';
import { addToCart, cartItemCount, cartTotalCents, formatPrice, removeFromCart, type Cart } from './cart';
import { FAULT_PRESETS } from './fault-presets';
import { followOrder } from './order-view';
import { submitOrder } from './submit-order';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const productList = byId<HTMLUListElement>('products');
const productsMessage = byId<HTMLParagraphElement>('products-message');
const cartList = byId<HTMLUListElement>('cart');
const cartTotal = byId<HTMLParagraphElement>('cart-total');
const cardSelect = byId<HTMLSelectElement>('card');
const faultsInput = byId<HTMLInputElement>('faults');
const placeButton = byId<HTMLButtonElement>('place-order');

let products: Product[] = [];
let cart: Cart = [];
let placing = false;

function button(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const node = document.createElement('button');
  node.type = 'button';
  node.textContent = text;
  node.setAttribute('aria-label', label);
  node.addEventListener('click', onClick);
  return node;
}

function renderProducts(): void {
  productList.replaceChildren(
    ...products.map((product) => {
      const item = document.createElement('li');
      item.dataset.sku = product.sku;
      const name = document.createElement('span');
      name.className = 'product-name';
      name.textContent = product.name;
      const details = document.createElement('span');
      details.className = 'product-details';
      details.textContent = `${formatPrice(product.priceCents)} · ${product.stock > 0 ? `${product.stock} in stock` : 'sold out'}`;
      const add = button('Add', `Add ${product.name} to the cart`, () => {
        cart = addToCart(cart, product);
        renderCart();
      });
      add.disabled = product.stock === 0;
      item.append(name, details, add);
      return item;
    }),
  );
}

function renderCart(): void {
  cartList.replaceChildren(
    ...cart.map((line) => {
      const item = document.createElement('li');
      item.dataset.sku = line.sku;
      item.textContent = `${line.quantity} × ${line.name} `;
      item.append(
        button('−', `Remove one ${line.name}`, () => {
          cart = removeFromCart(cart, line.sku);
          renderCart();
        }),
      );
      return item;
    }),
  );
  cartTotal.textContent = cart.length ? `${cartItemCount(cart)} items, ${formatPrice(cartTotalCents(cart))}` : 'The cart is empty.';
  placeButton.disabled = placing || cart.length === 0;
}

async function loadProducts(): Promise<void> {
  try {
    products = await shopApi.listProducts();
    productsMessage.textContent = '';
    renderProducts();
  } catch (error) {
    productsMessage.textContent = `Could not load the products: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function placeOrder(): Promise<void> {
  placing = true;
  placeButton.disabled = true;
  try {
    const placed = await submitOrder({ cart, cardNumber: cardSelect.value, faults: faultsInput.value });
    if (placed instanceof ApiError) return;
    // A fault is for the next order only; a refused one stays, so it can be corrected.
    faultsInput.value = '';
    cart = [];
    void followOrder(placed).then(loadProducts);
  } finally {
    placing = false;
    renderCart();
  }
}

const presets = document.querySelector<HTMLDivElement>('.presets');
presets?.append(
  ...FAULT_PRESETS.map((preset) =>
    button(preset.label, `Use the fault ${preset.faults}`, () => {
      faultsInput.value = preset.faults;
      faultsInput.focus();
    }),
  ),
);
placeButton.addEventListener('click', () => void placeOrder());
renderCart();
void loadProducts();

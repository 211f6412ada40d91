// "Place order": the user action that roots the order's trace. Its span is the parent of the
// fetch span, whose traceparent header makes the gateway's span a child of the page.
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { ApiError, shopApi, type Order } from './api';
import { cartItemCount, cartTotalCents, orderItems, type Cart } from './cart';
import { showOrderProblem } from './order-view';
import { startInSpan, tracer } from './telemetry';

export interface OrderRequest {
  cart: Cart;
  cardNumber: string;
  faults: string;
}

/** Places the order; answers the accepted order, or the API's error (already shown to the user). */
export async function submitOrder(request: OrderRequest): Promise<Order | ApiError> {
  const span = tracer().startSpan('checkout.submit', {
    attributes: {
      'order.item_count': cartItemCount(request.cart),
      'order.total_cents': cartTotalCents(request.cart),
      ...(request.faults.trim() ? { 'fault.requested': request.faults.trim() } : {}),
    },
  });
  try {
    const order = await startInSpan(trace.setSpan(context.active(), span), () => shopApi.placeOrder(orderItems(request.cart), request.cardNumber, request.faults));
    span.setAttribute('order.id', order.orderId);
    return order;
  } catch (error) {
    const problem = error instanceof ApiError ? error : new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error), null);
    span.setStatus({ code: SpanStatusCode.ERROR, message: problem.message });
    span.setAttribute('error.type', problem.code);
    showOrderProblem(problem);
    return problem;
  } finally {
    span.end();
  }
}

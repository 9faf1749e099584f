import type { Result } from '../errors';
import type { Area, EventName, EventPayloadOf, MethodOf, RequestInputOf, ResponseOf } from './contract';

/**
 * The renderer's view of the API, derived from the contract. A method whose request schema
 * accepts `undefined` takes no argument.
 */
type RendererMethod<A extends Area, M extends MethodOf<A>> =
  undefined extends RequestInputOf<A, M>
    ? () => Promise<Result<ResponseOf<A, M>>>
    : (request: RequestInputOf<A, M>) => Promise<Result<ResponseOf<A, M>>>;

export type Unsubscribe = () => void;

export type DedicatedAdminApi = {
  readonly [A in Area]: { readonly [M in MethodOf<A>]: RendererMethod<A, M> };
} & {
  readonly on: {
    readonly [E in EventName]: (listener: (payload: EventPayloadOf<E>) => void) => Unsubscribe;
  };
};

// What @types/dockerode 4 leaves out of the dockerode 5 calls Berth makes. dockerode hands every call's options to
// docker-modem, which takes `abortSignal` out of them (it never reaches the query or body), so each call below
// honours an AbortSignal although its typings do not say so. Declared here once, by module augmentation, instead
// of a cast at every call site.
//
// `dockerode` is an `export =` module: an augmentation can add to its namespace (option and answer types) but not
// to the class. The calls whose typings take no options at all are therefore declared as {@link
// Dockerode.AbortableCalls}, a view of the client that the class satisfies structurally (see `abortable()` in
// engine/requests.ts), so no cast is needed.
import 'dockerode';

declare module 'dockerode' {
  /** The options every call below accepts besides its own. */
  interface AbortableOptions {
    abortSignal?: AbortSignal;
  }

  interface ImageInspectOptions {
    abortSignal?: AbortSignal;
  }

  /** `POST /auth`: registry credentials to check (sent as the JSON body). */
  interface AuthCheckOptions extends AbortableOptions {
    username?: string;
    password?: string;
    serveraddress?: string;
  }

  /** What `POST /auth` answers on success. */
  interface AuthCheckResponse {
    Status?: string;
    IdentityToken?: string;
  }

  /** Client calls whose dockerode typings lack the options object. Answers Berth reads defensively stay `unknown`. */
  interface AbortableCalls {
    ping(options: AbortableOptions): Promise<unknown>;
    info(options: AbortableOptions): Promise<unknown>;
    version(options: AbortableOptions): Promise<DockerVersion>;
    df(options: AbortableOptions): Promise<unknown>;
    checkAuth(options: AuthCheckOptions): Promise<AuthCheckResponse>;
  }
}

export interface Config {
  app?: {
    /**
     * Sign-in methods offered on the sign-in page, in order. Each must also be
     * configured under `auth.providers` in the backend.
     * Default: ['guest'].
     * @visibility frontend
     */
    signInProviders?: Array<'guest' | 'github'>;
  };
}

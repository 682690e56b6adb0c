import '@remix-run/node'

declare module '@remix-run/node' {
	interface AppLoadContext {
		/** Nonce for this response's Content-Security-Policy. */
		cspNonce: string
		/** The client's address as Express sees it (trust proxy set for private ranges). */
		clientIp: string
	}
}

export {}

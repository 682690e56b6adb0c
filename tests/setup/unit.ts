import { afterEach, beforeEach, vi } from 'vitest'

// console.error in a test is a failure.
beforeEach(() => {
	vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
		throw new Error(`console.error was called: ${args.map(String).join(' ')}`)
	})
})
afterEach(() => {
	vi.restoreAllMocks()
})

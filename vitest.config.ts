import { defineConfig } from 'vitest/config'

const integration = ['app/**/*.integration.test.{ts,tsx}', 'db/**/*.integration.test.ts', 'tests/integration/**/*.test.ts']

export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['app/**/*.test.{ts,tsx}', 'db/**/*.test.ts'],
					exclude: integration,
					environment: 'node',
					setupFiles: ['tests/setup/unit.ts'],
				},
			},
			{
				test: {
					name: 'integration-pglite',
					include: integration,
					environment: 'node',
					globalSetup: ['tests/setup/global-pglite.ts'],
					setupFiles: ['tests/setup/integration.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: true,
					maxWorkers: 2,
				},
			},
			{
				test: {
					name: 'integration-postgres',
					include: integration,
					environment: 'node',
					globalSetup: ['tests/setup/global-postgres.ts'],
					setupFiles: ['tests/setup/integration.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000,
					maxWorkers: 2,
				},
			},
		],
	},
})

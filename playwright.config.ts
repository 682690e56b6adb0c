import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 3210)
export const E2E_BASE_URL = `http://localhost:${PORT}`
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// Debian's Chromium, never Playwright's download. The flags keep it off the (closed) network.
const launchOptions = {
	executablePath: chromium,
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
	],
}

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'tests/.tmp/e2e-results',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	forbidOnly: Boolean(process.env.CI),
	reporter: [['list'], ['json', { outputFile: 'tests/.tmp/e2e-report.json' }]],
	use: {
		baseURL: E2E_BASE_URL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		trace: 'retain-on-failure',
		launchOptions,
	},
	projects: [
		{ name: 'setup', testMatch: /auth\.setup\.ts/ },
		{
			name: 'desktop',
			testMatch: /.*\.e2e\.ts/,
			dependencies: ['setup'],
			use: { ...devices['Desktop Chrome'], launchOptions },
		},
	],
	webServer: {
		// A fresh embedded database every run, seeded with the demo.
		command: `rm -rf tests/.tmp/e2e-db tests/.tmp/e2e-media && node app/server/start.mjs`,
		url: `${E2E_BASE_URL}/healthcheck`,
		reuseExistingServer: false,
		timeout: 180_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			NODE_ENV: 'production',
			DATA_DIR: 'tests/.tmp/e2e-db',
			MEDIA_DIR: 'tests/.tmp/e2e-media',
			// Local runs may point at a content folder of their own; CI uses content/.
			...(process.env.E2E_CONTENT_DIR ? { CONTENT_DIR: process.env.E2E_CONTENT_DIR } : {}),
		},
	},
})

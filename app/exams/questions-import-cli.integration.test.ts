import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, test } from 'vitest'

// The command line as an operator uses it, in its own process on its own embedded database
// (a second process must never open the test's database folder).
const run = promisify(execFile)
const dir = mkdtempSync(path.join(tmpdir(), 'anxun-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function cli(...args: string[]) {
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, 'db'), CONTENT_DIR: 'tests/fixtures/content' }
	delete env.DATABASE_URL
	try {
		const { stdout } = await run('npx', ['tsx', 'app/exams/questions-import-cli.ts', ...args], { env })
		return { code: 0, stdout }
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string }
		return { code: e.code, stdout: e.stdout + e.stderr }
	}
}

test.skipIf(Boolean(process.env.DATABASE_URL))('questions:import reports as JSON, dry runs, imports once, and exits 2 only for an unreadable file', { timeout: 120_000 }, async () => {
	const file = 'tests/fixtures/import/gift/small.gift'
	const dry = await cli(file, '--bank', 'cli-bank', '--dry-run', '--json')
	expect(dry.code).toBe(0)
	const report = JSON.parse(dry.stdout.trim().split('\n').at(-1)!)
	expect(report).toEqual({ read: 4, imported: 3, skipped: 1, problems: [{ where: 'small.gift 第 21 行', message: expect.any(String) }] })

	const real = await cli(file, '--bank', 'cli-bank')
	expect(real.code).toBe(0)
	expect(real.stdout).toContain('读取 4 题，导入 3 题，跳过 1 题')
	expect(real.stdout).toContain('small.gift 第 21 行')

	const again = JSON.parse((await cli(file, '--bank', 'cli-bank', '--json')).stdout.trim().split('\n').at(-1)!)
	expect(again).toMatchObject({ read: 4, imported: 0, skipped: 4 })

	const blocked = JSON.parse((await cli('tests/fixtures/import/gift/one-bad.gift', '--bank', 'cli-bank', '--json')).stdout.trim().split('\n').at(-1)!)
	expect(blocked).toMatchObject({ read: 2, imported: 0, skipped: 2 })

	expect((await cli('no/such/file.gift', '--bank', 'x')).code).toBe(2)
	expect((await cli(file)).code).toBe(2)
})

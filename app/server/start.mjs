// `npm start` / `npm run dev`: build when there is no build, then serve.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const dev = process.argv.includes('--dev')
process.env.NODE_ENV ??= dev ? 'development' : 'production'
const port = Number(process.env.PORT ?? 3000)

if (!dev && !existsSync('build/server/index.js')) {
	console.log('未找到构建产物，正在构建（npm run build）…')
	const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
	if (result.status !== 0) process.exit(result.status ?? 1)
}

const { createServer } = await import('./server.mjs')
await createServer({ dev, port })

// `npm start` / `npm run dev`: build when there is no build, then serve. With PostgreSQL,
// WEB_CONCURRENCY=N runs N server processes on one port (node:cluster); the embedded PGlite
// database allows one process only, so it always runs one.
import { spawnSync } from 'node:child_process'
import cluster from 'node:cluster'
import { existsSync } from 'node:fs'

const dev = process.argv.includes('--dev')
process.env.NODE_ENV ??= dev ? 'development' : 'production'
const port = Number(process.env.PORT ?? 3000)
const wanted = Number(process.env.WEB_CONCURRENCY ?? 1)
const workers = !dev && process.env.DATABASE_URL && Number.isInteger(wanted) && wanted > 1 ? wanted : 1

if (cluster.isPrimary && !dev && !existsSync('build/server/index.js')) {
	console.log('未找到构建产物，正在构建（npm run build）…')
	const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
	if (result.status !== 0) process.exit(result.status ?? 1)
}

if (workers > 1 && cluster.isPrimary) {
	if (wanted > 1 && !process.env.DATABASE_URL) console.warn('嵌入式数据库只允许一个进程：忽略 WEB_CONCURRENCY')
	console.log(`启动 ${workers} 个服务进程（WEB_CONCURRENCY）`)
	let stopping = false
	for (let i = 0; i < workers; i++) cluster.fork()
	cluster.on('exit', (worker, code) => {
		if (stopping) {
			if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
			return
		}
		console.error(`服务进程 ${worker.process.pid} 退出（${code}），重新启动`)
		cluster.fork()
	})
	const stop = (signal) => {
		stopping = true
		for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal)
	}
	process.on('SIGTERM', () => stop('SIGTERM'))
	process.on('SIGINT', () => stop('SIGINT'))
} else {
	const { createServer } = await import('./server.mjs')
	await createServer({ dev, port })
}

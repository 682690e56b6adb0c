import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { bundleMDX } from 'mdx-bundler'
import remarkGfm from 'remark-gfm'

// Compiled MDX, keyed by the hash of its source. Compiling happens at build and start-up,
// one file at a time (esbuild is memory-hungry); requests only ever read the cache.

/** Bump when the compile options change, so old bundles are not reused. */
const COMPILER_VERSION = 'mdx-bundler-10.1.1+gfm4+v1'
const MEMORY_ENTRIES = 300

export type CompiledMdx = { code: string }

export class MissingBundleError extends Error {
	constructor(hash: string) {
		super(`课程内容尚未编译（${hash.slice(0, 12)}…）：请先运行 npm run build`)
	}
}

export function contentHash(source: string) {
	return createHash('sha256').update(COMPILER_VERSION).update('\0').update(source).digest('hex')
}

export function cacheDir() {
	return path.resolve(process.env.CONTENT_CACHE_DIR ?? 'build/content')
}

const memory = new Map<string, CompiledMdx>()

function remember(hash: string, bundle: CompiledMdx) {
	memory.delete(hash)
	memory.set(hash, bundle)
	if (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!)
}

async function readCached(hash: string): Promise<CompiledMdx | null> {
	const hit = memory.get(hash)
	if (hit) {
		remember(hash, hit)
		return hit
	}
	try {
		const bundle = JSON.parse(await readFile(path.join(cacheDir(), `${hash}.json`), 'utf8')) as CompiledMdx
		remember(hash, bundle)
		return bundle
	} catch {
		return null
	}
}

/** A compiled bundle from the cache; never compiles (requests must not). */
export async function getBundle(hash: string): Promise<CompiledMdx> {
	const bundle = await readCached(hash)
	if (!bundle) throw new MissingBundleError(hash)
	return bundle
}

let compiles = 0
/** How many compiles this process has run (tests prove requests add none). */
export function compileCount() {
	return compiles
}

let queue: Promise<unknown> = Promise.resolve()

/** Compile one source unless its bundle is cached; compiles run one at a time. */
export function ensureCompiled(source: string, file: string): Promise<{ hash: string; compiled: boolean }> {
	const hash = contentHash(source)
	const run = async () => {
		if (await readCached(hash)) return { hash, compiled: false }
		compiles++
		const result = await bundleMDX({
			source,
			mdxOptions(options) {
				options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm]
				return options
			},
			esbuildOptions(options) {
				options.minify = true
				options.target = 'es2020'
				return options
			},
		}).catch((error: unknown) => {
			const detail = error instanceof Error ? error.message : String(error)
			throw new Error(`${file}: MDX 编译失败：${detail}`)
		})
		const bundle = { code: result.code }
		const dir = cacheDir()
		await mkdir(dir, { recursive: true })
		const tmp = path.join(dir, `${hash}.${process.pid}.tmp`)
		await writeFile(tmp, JSON.stringify(bundle))
		await rename(tmp, path.join(dir, `${hash}.json`))
		remember(hash, bundle)
		return { hash, compiled: true }
	}
	const next = queue.then(run, run)
	queue = next.catch(() => undefined)
	return next
}

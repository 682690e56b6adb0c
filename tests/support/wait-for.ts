import { setTimeout as sleep } from 'node:timers/promises'

/** Poll a URL until it answers 2xx (a server starting up), every 200 ms, at most `tries` times. */
export async function waitForOk(url: string, tries = 300) {
	for (let i = 0; i < tries; i++) {
		try {
			if ((await fetch(url)).ok) return
		} catch {}
		await sleep(200)
	}
	throw new Error(`no answer from ${url}`)
}

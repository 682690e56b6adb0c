// A regulator reading dashboards in its own process (as a second app server or a replica's
// reader would): spawned by coverage.bench.ts, prints how many pages it read. READ_RATE pages
// a second, started on a fixed schedule whatever the replies take (0: one after another, as
// fast as the machine allows — the worst case).
import { regionCoverage, regionTrend } from '#app/coverage/reports.server.ts'
import { closeDb } from '#app/utils/db.server.ts'

const [regionPath, regionId, year, seconds, rate] = [process.env.READ_PATH!, Number(process.env.READ_ID), Number(process.env.READ_YEAR), Number(process.env.READ_SECONDS), Number(process.env.READ_RATE ?? 0)]
const started = Date.now()
const until = started + seconds * 1000
let pages = 0
const page = () => Promise.all([regionCoverage({ regionPath, regionId }, year), regionTrend({ regionPath }, year)])
if (rate > 0) {
	const inFlight: Promise<unknown>[] = []
	for (let k = 0; started + (k * 1000) / rate < until; k++) {
		const due = started + (k * 1000) / rate
		if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()))
		inFlight.push(page().then(() => pages++))
	}
	await Promise.all(inFlight)
} else {
	while (Date.now() < until) {
		await page()
		pages++
	}
}
console.log(pages)
await closeDb()

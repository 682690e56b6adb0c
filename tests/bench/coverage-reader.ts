// A regulator reading dashboards in a loop, in its own process (as a second app server or a
// replica's reader would): spawned by coverage.bench.ts, prints how many pages it read.
import { regionCoverage, regionTrend } from '#app/coverage/reports.server.ts'
import { closeDb } from '#app/utils/db.server.ts'

const [regionPath, regionId, year, seconds] = [process.env.READ_PATH!, Number(process.env.READ_ID), Number(process.env.READ_YEAR), Number(process.env.READ_SECONDS)]
const until = Date.now() + seconds * 1000
let pages = 0
while (Date.now() < until) {
	await Promise.all([regionCoverage({ regionPath, regionId }, year), regionTrend({ regionPath }, year)])
	pages++
}
console.log(pages)
await closeDb()

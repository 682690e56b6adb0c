// npm run data:generate -- --people 1000000 --enterprises 20000 [--year 2026] [--seed anxun]
//
// Fills an empty PostgreSQL database (DATABASE_URL) with a fictional province for the scale
// benchmarks (tests/bench/coverage.bench.ts): a region tree down to townships and parks,
// enterprises with a skewed mix of sizes, industries and places, their people and jobs (with
// job changes, long leaves, certificate reviews, rehires and fatal accidents for a few), a year
// of 学时 ledger entries, lesson completions and exam attempts, the plans and requirements
// regulators and enterprises add, then coverage rebuilt from those facts.
// Bulk rows are made inside PostgreSQL (INSERT … SELECT over generate_series), so a million
// people take minutes, not hours. The same seed gives the same province.
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { prepareContent } from '#app/courses/sync.server.ts'
import { rebuildCoverage } from '#app/coverage/coverage.server.ts'
import { prepareBanks } from '#app/exams/bank-store.server.ts'
import { createExam, publishExam } from '#app/exams/exams.server.ts'
import { seededRandom } from '#app/exams/paper.ts'
import { makeCreditCode } from '#app/orgs/credit-code.ts'
import { type IndustryCode, industryFlags } from '#app/orgs/industries.ts'
import { closeDb } from '#app/utils/db.server.ts'
import { runMigrations } from './migrate.ts'

const { values } = parseArgs({
	options: {
		people: { type: 'string', default: '1000000' },
		enterprises: { type: 'string', default: '20000' },
		year: { type: 'string', default: String(new Date().getFullYear()) },
		seed: { type: 'string', default: 'anxun-province' },
	},
})

/** How often each industry occurs among enterprises (a manufacturing province). */
const INDUSTRY_MIX: [IndustryCode, number][] = [
	['machinery', 15],
	['light_industry', 14],
	['commerce_trade', 14],
	['construction', 12],
	['textiles', 8],
	['road_transport', 7],
	['building_materials', 6],
	['hazardous_chemicals', 6],
	['other', 5.5],
	['metallurgy', 3],
	['non_coal_mine', 3],
	['nonferrous', 2],
	['metal_smelting', 2],
	['coal_mine', 1],
	['fireworks', 1],
	['tobacco', 0.5],
]
/** Size, its share of enterprises, and its headcount range before scaling to --people. */
const SIZE_MIX: [string, number, number, number][] = [
	['micro', 45, 3, 10],
	['small', 35, 15, 80],
	['medium', 15, 100, 400],
	['large', 5, 500, 3000],
]
const CITY_NAMES = ['安澜', '青川', '临湖', '北岭', '东江', '南屏', '西渡', '石门', '松原', '白沙', '柳岸', '云岗']

function pickWeighted<T>(random: () => number, items: readonly (readonly [T, number, ...unknown[]])[]) {
	const total = items.reduce((n, i) => n + i[1], 0)
	let r = random() * total
	for (const item of items) {
		r -= item[1]
		if (r <= 0) return item
	}
	return items[items.length - 1]!
}

async function main() {
	const peopleWanted = Number(values.people)
	const enterprisesWanted = Number(values.enterprises)
	const year = Number(values.year)
	if (!Number.isInteger(peopleWanted) || peopleWanted < 100) throw new Error('--people 应为不小于 100 的整数')
	if (!Number.isInteger(enterprisesWanted) || enterprisesWanted < 10 || enterprisesWanted > peopleWanted) throw new Error('--enterprises 应为 10 到人数之间的整数')
	if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Error('--year 年份不正确')
	const url = process.env.DATABASE_URL
	if (!url?.startsWith('postgres')) throw new Error('请用 DATABASE_URL 指定一个空的 PostgreSQL 数据库（生成器不用于内嵌数据库）')
	const random = seededRandom(values.seed!)
	const sql = postgres(url, { max: 1, onnotice: () => {} })
	const step = async <T,>(label: string, work: () => Promise<T>) => {
		const started = performance.now()
		process.stdout.write(`${label}…`)
		const result = await work()
		console.log(` ${((performance.now() - started) / 1000).toFixed(1)} 秒`)
		return result
	}
	try {
		await step('迁移数据库', () => runMigrations())
		const [{ n: existing }] = (await sql`select count(*)::int as n from people`) as unknown as [{ n: number }]
		if (existing > 0) throw new Error(`数据库里已有 ${existing} 名人员；请换一个空数据库（例如 createdb anxun_province）`)
		await step('同步课程和题库', async () => {
			await prepareContent()
			await prepareBanks()
		})

		// Regions: a province, 12 cities, 8–12 counties each, 6–10 townships each, a park per county.
		const townships: { id: number; path: string; weight: number; parkId: number }[] = []
		await step('生成行政区划', async () => {
			const [province] = await sql`insert into regions (name, level, path, depth) values ('安和省', 'province', '/', 0) returning id`
			const pPath = `/${province!.id}/`
			await sql`update regions set path = ${pPath} where id = ${province!.id}`
			for (const [ci, cityName] of CITY_NAMES.entries()) {
				const [city] = await sql`insert into regions (parent_id, name, level, path, depth) values (${province!.id}, ${cityName + '市'}, 'city', '', 1) returning id`
				const cPath = `${pPath}${city!.id}/`
				await sql`update regions set path = ${cPath} where id = ${city!.id}`
				const counties = 8 + Math.floor(random() * 5)
				for (let k = 0; k < counties; k++) {
					const [county] = await sql`insert into regions (parent_id, name, level, path, depth) values (${city!.id}, ${`${cityName}第${k + 1}区`}, 'county', '', 2) returning id`
					const kPath = `${cPath}${county!.id}/`
					await sql`update regions set path = ${kPath} where id = ${county!.id}`
					const [park] = await sql`insert into regions (parent_id, name, level, path, depth) values (${county!.id}, ${`${cityName}第${k + 1}区经济开发区`}, 'park', '', 3) returning id`
					await sql`update regions set path = ${`${kPath}${park!.id}/`} where id = ${park!.id}`
					const towns = 6 + Math.floor(random() * 5)
					for (let t = 0; t < towns; t++) {
						const [town] = await sql`insert into regions (parent_id, name, level, path, depth) values (${county!.id}, ${`${cityName}${k + 1}区第${t + 1}镇`}, 'township', '', 3) returning id`
						const tPath = `${kPath}${town!.id}/`
						await sql`update regions set path = ${tPath} where id = ${town!.id}`
						// Skew: the first city and the first towns of a county hold more industry.
						townships.push({ id: town!.id, path: tPath, weight: (ci === 0 ? 3 : 1) / Math.pow(t + 1, 0.8), parkId: park!.id })
					}
				}
			}
		})

		// Enterprises, with a raw headcount each; headcounts are then scaled to --people exactly.
		const planned: { regionId: number; regionPath: string; parkId: number | null; industry: IndustryCode; size: string; headcount: number }[] = []
		const townWeights = townships.map((t) => [t, t.weight] as const)
		for (let i = 0; i < enterprisesWanted; i++) {
			const town = pickWeighted(random, townWeights)[0]
			const [industry] = pickWeighted(random, INDUSTRY_MIX)
			const [size, , lo, hi] = pickWeighted(random, SIZE_MIX) as [string, number, number, number]
			planned.push({ regionId: town.id, regionPath: town.path, parkId: random() < 0.2 ? town.parkId : null, industry, size, headcount: lo + Math.floor(random() * (hi - lo + 1)) })
		}
		const rawTotal = planned.reduce((n, p) => n + p.headcount, 0)
		for (const p of planned) p.headcount = Math.max(1, Math.floor((p.headcount * peopleWanted) / rawTotal))
		// Rounding leaves a small difference: spread it one person at a time, largest first.
		let diff = peopleWanted - planned.reduce((n, p) => n + p.headcount, 0)
		const bySize = [...planned].sort((a, b) => b.headcount - a.headcount)
		for (let i = 0; diff !== 0; i = (i + 1) % bySize.length) {
			const p = bySize[i]!
			if (diff > 0) (p.headcount++, diff--)
			else if (p.headcount > 1) (p.headcount--, diff++)
		}

		await step(`生成 ${enterprisesWanted} 家企业`, async () => {
			await sql`create temp table gen_ranges (enterprise_id int, lo int, hi int, high_risk boolean)`
			let next = 1
			for (let i = 0; i < planned.length; i += 2000) {
				const chunk = planned.slice(i, i + 2000).map((p, j) => ({
					name: `${p.regionPath.split('/').at(-2)}号镇第${i + j + 1}号企业`,
					credit_code: makeCreditCode(`91${String(330000 + (i + j) % 9000).padStart(6, '0')}${String(i + j + 1).padStart(9, '0')}`),
					region_id: p.regionId,
					region_path: p.regionPath,
					park_id: p.parkId,
					industry: p.industry,
					size: p.size,
					high_risk: industryFlags(p.industry).highRiskTraining,
				}))
				const ids = await sql`insert into enterprises ${sql(chunk)} returning id`
				const ranges = ids.map((row, j) => {
					const p = planned[i + j]!
					const range = { enterprise_id: row.id as number, lo: next, hi: next + p.headcount - 1, high_risk: chunk[j]!.high_risk }
					next += p.headcount
					return range
				})
				await sql`insert into gen_ranges ${sql(ranges)}`
			}
			await sql`create index on gen_ranges (lo, hi)`
		})

		await sql`select setseed(0.42)`
		await step(`生成 ${peopleWanted} 名人员和任职`, async () => {
			await sql`insert into people (name, phone) select '员工' || g, '1' || lpad(g::text, 10, '0') from generate_series(1, ${peopleWanted}::int) g`
			// People are numbered in id order; each enterprise takes its slice lo..hi of them.
			const [{ first }] = (await sql`select min(id)::int as first from people`) as unknown as [{ first: number }]
			await sql`
				insert into employments (enterprise_id, person_id, job_category, work_type, department, hired_on)
				select r.enterprise_id, ${first - 1} + r.lo + g,
					case when g = 0 then 'principal' when g <= greatest(1, (r.hi - r.lo) / 50) then 'safety_manager'
						when random() < 0.08 then 'special_operator' else 'other' end,
					null,
					'车间' || (1 + (g % 6)),
					case when random() < 0.12 then make_date(${year}, 1 + floor(random() * 11)::int, 1 + floor(random() * 28)::int)
						else make_date(${year} - 1 - floor(random() * 15)::int, 1 + floor(random() * 12)::int, 1 + floor(random() * 28)::int) end
				from gen_ranges r cross join lateral generate_series(0, r.hi - r.lo) g`
			// A few leave during the year.
			await sql`update employments set left_on = make_date(${year}, 1 + floor(random() * 10)::int, 1 + floor(random() * 28)::int)
				where random() < 0.03 and hired_on < make_date(${year}, 1, 1)`
		})

		const [generator] = await sql`insert into users (username, display_name, password_hash) values ('generator', '数据生成器', '!') returning id`
		const actor = { userId: generator!.id as number }
		await step('生成岗位变动、离岗、复审和事故', async () => {
			// The facts that send people through the rules one by one in a rebuild (the "special"
			// people): about 1 in 100 workers promoted to 安全生产管理人员 this year, 1 in 100 moved
			// to special operations, 1 in 200 back from a leave of more than a year, 1 in 50
			// special operators with a certificate review this year; 1 enterprise in 500 with a
			// fatal accident (its managers re-train).
			await sql`with moved as (
					update employments e set job_category = case when e.person_id % 2 = 0 then 'safety_manager' else 'special_operator' end
					where e.job_category = 'other' and e.left_on is null and e.hired_on < make_date(${year}, 1, 1) and (e.person_id * 7) % 100 = 3
					returning e.id, e.enterprise_id, e.job_category, e.person_id)
				insert into employment_events (enterprise_id, employment_id, kind, effective_on, from_job_category, to_job_category)
				select enterprise_id, id, 'job_change', make_date(${year}, 2 + person_id % 9, 1 + person_id % 27), 'other', job_category from moved`
			await sql`insert into employment_events (enterprise_id, employment_id, kind, effective_on, ends_on)
				select enterprise_id, id, 'leave', make_date(${year} - 2, 3, 1), make_date(${year}, 1 + person_id % 9, 1 + person_id % 27) from employments
				where left_on is null and hired_on < make_date(${year} - 2, 1, 1) and (person_id * 11) % 200 = 7`
			await sql`insert into employment_events (enterprise_id, employment_id, kind, effective_on)
				select enterprise_id, id, 'special_review', make_date(${year}, 1 + person_id % 11, 1 + person_id % 27) from employments
				where left_on is null and job_category = 'special_operator' and (person_id * 13) % 50 = 5`
			await sql`insert into enterprise_accidents (enterprise_id, occurred_on, deaths, summary, recorded_by)
				select id, make_date(${year}, 1 + id % 10, 1 + id % 27), 1, '生成数据：生产安全死亡事故', ${actor.userId} from enterprises where id % 500 = 17`
			// One leaver in ten of the first nine months is hired back by the same enterprise two
			// months later (two jobs at one enterprise in the year: special as well).
			await sql`insert into employments (enterprise_id, person_id, job_category, department, hired_on)
				select enterprise_id, person_id, job_category, department, left_on + 61 from employments
				where left_on >= make_date(${year}, 1, 1) and left_on < make_date(${year}, 10, 1) and person_id % 10 = 3`
		})

		const lessons = await sql`select id, version_id from lessons where enterprise_id is null and active and version_id is not null order by id`
		await step('生成一年的学时台账', async () => {
			await sql`create temp table gen_lessons as select row_number() over (order by id)::int as k, id, version_id from lessons where enterprise_id is null and active and version_id is not null`
			// Skewed activity from each person's number (deterministic, no volatile joins): a fifth
			// studied nothing; the rest study 1–20 days, most only a few, 15–90 minutes a day.
			await sql`
				insert into learning_credits (person_id, enterprise_id, lesson_id, lesson_version_id, day, seconds, credited_at)
				select e.person_id, e.enterprise_id, l.id, l.version_id, d.day, d.seconds, d.day::timestamp + interval '9 hours' + ((e.person_id % 600) * interval '1 minute')
				from employments e
				cross join lateral generate_series(1, case when e.person_id % 5 = 0 then 0 else 1 + floor(power(((e.person_id::bigint * 7919) % 1000) / 1000.0, 2) * 20)::int end) g
				cross join lateral (
					select (make_date(${year}, 1, 1) + ((e.person_id * 13 + g * 37) % 320))::date as day,
						(15 + ((e.person_id + g * 11) % 76)) * 60 as seconds,
						1 + ((e.person_id * 31 + g * 17) % ${lessons.length}) as k
				) d
				join gen_lessons l on l.k = d.k`
		})

		const created = await createExam(
			actor,
			{ title: `${year}年度从业人员安全考试（生成数据）`, paper: { kind: 'draw', banks: ['employee-safety'], rules: [{ type: 'single', count: 20, points: 5 }] }, timeLimitMinutes: 60 },
		)
		if (!created.ok) throw new Error(created.problems.join('；'))
		await publishExam(actor, created.examId)
		await step('生成考试记录', async () => {
			// About seven in ten sat the annual exam (once, under their latest job); scores cluster in
			// the 80s, a tail fails.
			await sql`
				insert into attempts (exam_id, person_id, enterprise_id, number, seed, started_at, deadline_at, finished_at, finished_by, score, max_score, passed, seconds_taken, reading_seconds, too_fast)
				select ${created.examId}, e.person_id, e.enterprise_id, 1, 'gen-' || e.person_id, s.at, s.at + interval '60 minutes', s.at + (s.took * interval '1 second'), 'learner',
					s.score, 100, s.score >= 80, s.took, 240, s.took < 240
				from (select distinct on (person_id) * from employments order by person_id, hired_on desc) e
				cross join lateral (
					select make_date(${year}, 3 + floor(random() * 8)::int, 1 + floor(random() * 28)::int)::timestamp + interval '9 hours' as at,
						least(100, greatest(20, round((84 + 10 * sqrt(-2 * ln(greatest(random(), 1e-9))) * cos(2 * pi() * random()))::numeric / 5) * 5))::real as score,
						(300 + floor(random() * 2400))::int as took
					where e.person_id > 0
				) s
				where random() < 0.7`
		})
		await step('生成课时完成记录和培训任务', async () => {
			// A lesson studied for half an hour or more is complete (from the ledger just made).
			await sql`insert into lesson_progress (person_id, lesson_id, enterprise_id, completed_at, completed_version_id)
				select person_id, lesson_id, min(enterprise_id), case when sum(seconds) >= 1800 then max(credited_at) end, case when sum(seconds) >= 1800 then max(lesson_version_id) end
				from learning_credits group by person_id, lesson_id`
			// What regulators and enterprises assign on top of the rules: a province-wide warning
			// course for 危险化学品 (as a warning push makes), the annual exam required in one city,
			// and a department's lesson planned by one enterprise in fifty.
			const [province] = await sql`select path from regions where parent_id is null order by id limit 1`
			const [city] = await sql`select path from regions where depth = 1 order by id limit 1`
			const [cases] = await sql`select id from courses where slug = 'accident-cases'`
			await sql`insert into assignments (year, issuer, kind, region_path, title, reason, course_id, exam_id, industries, due_on, created_by) values
				(${year}, 'regulator', 'requirement', ${province!.path}, '危险化学品事故警示教育', '生成数据：全省危险化学品行业警示教育', ${cases!.id}, null, '{hazardous_chemicals}', make_date(${year}, 12, 31), ${actor.userId}),
				(${year}, 'regulator', 'requirement', ${city!.path}, '年度从业人员考试', '生成数据：全市从业人员参加年度考试', null, ${created.examId}, '{}', make_date(${year}, 11, 30), ${actor.userId})`
			await sql`insert into assignments (year, issuer, kind, enterprise_id, region_path, title, reason, lesson_id, departments, due_on, created_by)
				select ${year}, 'enterprise', 'plan', id, region_path, '车间安全操作规程', '生成数据：车间计划', ${lessons[0]!.id}, '{车间1}', make_date(${year}, 10, 31), ${actor.userId}
				from enterprises where id % 50 = 7`
		})
		await step('统计', () => sql`analyze`)
		await step('按事实重建覆盖率', () =>
			rebuildCoverage(year, { onProgress: (done, total) => process.stdout.write(`\r按事实重建覆盖率… ${Math.round((done / total) * 100)}%`) }),
		)
		const [counts] = await sql`select (select count(*) from regions)::int regions, (select count(*) from enterprises)::int enterprises, (select count(*) from people)::int people,
			(select count(*) from learning_credits)::int credits, (select count(*) from attempts)::int attempts, (select count(*) from coverage_person_year)::int coverage`
		console.log(`完成：${counts!.regions} 个区划、${counts!.enterprises} 家企业、${counts!.people} 人、${counts!.credits} 条学时记录、${counts!.attempts} 次考试、${counts!.coverage} 条覆盖率`)
	} finally {
		await sql.end({ timeout: 5 })
		await closeDb()
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error))
	process.exitCode = 1
})

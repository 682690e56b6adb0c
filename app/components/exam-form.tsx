import { Form, useLocation } from '@remix-run/react'
import { FieldError, FilterSelect, invalidProps } from '#app/components/forms.tsx'
import { RULE_ROWS } from '#app/exams/exam-form.ts'
import { DEFAULT_TYPE_POINTS, questionLabel } from '#app/exams/fixed-paper.ts'
import { DIFFICULTIES, type Difficulty, DIFFICULTY_LABELS, QUESTION_TYPE_LABELS, QUESTION_TYPES, type QuestionType } from '#app/exams/question.ts'
import { INDUSTRIES, JOB_CATEGORIES } from '#app/orgs/industries.ts'

type Errors = Record<string, string> | undefined

type Bank = { slug: string; title: string; questions: number }
type PickerRow = { id: number; key: string; bank: string; bankTitle: string; type: QuestionType; difficulty: Difficulty; topic: string; stem: string }

/** The fixed-paper picker as the server last saw the form (see questionPicker). */
export type ExamFormPicker = {
	picked: PickerRow[]
	dropped: number
	total: number | null
	results: { rows: PickerRow[]; total: number; page: number; pageSize: number }
	topics: string[]
}

/**
 * The form's fields as last sent (by a picker GET or a refused save), so a round trip without
 * JavaScript keeps what the admin entered; null on a first visit, when the defaults show.
 */
function sentFields(fields: [string, string][] | null) {
	const sent = fields ? new URLSearchParams(fields) : null
	return {
		value: (name: string, fallback = '') => sent?.get(name) ?? fallback,
		checked: (name: string, value: string) => sent?.getAll(name).includes(value) ?? false,
	}
}

/**
 * The exam template form (works without JavaScript). 组卷方式 is draw rules or a fixed paper; the
 * fixed paper's picker filters by GET with the whole form, so ticks and entries survive it.
 * Industries show for platform-wide exams only.
 */
export function ExamForm({ banks, errors, withIndustries, busy, fields, picker }: { banks: Bank[]; errors: Errors; withIndustries: boolean; busy: boolean; fields: [string, string][] | null; picker: ExamFormPicker }) {
	const invalid = (name: string) => invalidProps(errors, name)
	const sent = sentFields(fields)
	const fixed = sent.value('paperKind') === 'fixed'
	return (
		<Form method="post" className="stack exam-form">
			<FieldError errors={errors} name="form" />
			<div className="field">
				<label htmlFor="title">考试名称</label>
				<input id="title" name="title" required maxLength={80} defaultValue={sent.value('title')} {...invalid('title')} />
				<FieldError errors={errors} name="title" />
			</div>
			<fieldset className="field">
				<legend>题库</legend>
				{banks.map((b) => (
					<label key={b.slug}>
						<input type="checkbox" name="banks" value={b.slug} defaultChecked={sent.checked('banks', b.slug)} /> {b.title}（{b.questions} 题）
					</label>
				))}
				<FieldError errors={errors} name="banks" />
			</fieldset>
			<fieldset className="field">
				<legend>组卷方式</legend>
				<label>
					<input type="radio" name="paperKind" value="draw" defaultChecked={!fixed} /> 随机抽题：按抽题规则为每位考生抽题
				</label>
				<label>
					<input type="radio" name="paperKind" value="fixed" defaultChecked={fixed} /> 固定试题：从题库中挑选试题，所有考生同一套题
				</label>
				<FieldError errors={errors} name="paperKind" />
			</fieldset>
			<fieldset className="field paper-draw">
				<legend>随机抽题：抽题规则（每行：题型 × 题数 × 每题分值，可按知识点、难度限定；留空的行不用）</legend>
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>题型</th>
								<th>题数</th>
								<th>每题分值</th>
								<th>知识点（可选）</th>
								<th>难度</th>
							</tr>
						</thead>
						<tbody>
							{Array.from({ length: RULE_ROWS }, (_, i) => (
								<tr key={i}>
									<td>
										<select name={`rule${i}.type`} aria-label={`第 ${i + 1} 行题型`} defaultValue={sent.value(`rule${i}.type`)}>
											<option value="">（不用）</option>
											{QUESTION_TYPES.map((t) => (
												<option key={t} value={t}>
													{QUESTION_TYPE_LABELS[t]}
												</option>
											))}
										</select>
									</td>
									<td>
										<input name={`rule${i}.count`} aria-label={`第 ${i + 1} 行题数`} inputMode="numeric" size={4} defaultValue={sent.value(`rule${i}.count`)} />
									</td>
									<td>
										<input name={`rule${i}.points`} aria-label={`第 ${i + 1} 行每题分值`} inputMode="decimal" size={4} defaultValue={sent.value(`rule${i}.points`)} />
									</td>
									<td>
										<input name={`rule${i}.topic`} aria-label={`第 ${i + 1} 行知识点`} size={10} defaultValue={sent.value(`rule${i}.topic`)} />
									</td>
									<td>
										<select name={`rule${i}.difficulty`} aria-label={`第 ${i + 1} 行难度`} defaultValue={sent.value(`rule${i}.difficulty`)}>
											<option value="">不限</option>
											{DIFFICULTIES.map((d) => (
												<option key={d} value={d}>
													{DIFFICULTY_LABELS[d]}
												</option>
											))}
										</select>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
				{Array.from({ length: RULE_ROWS }, (_, i) => (
					<FieldError key={i} errors={errors} name={`rule${i}`} />
				))}
				<FieldError errors={errors} name="rules" />
			</fieldset>
			<FixedPaperPicker banks={banks} errors={errors} sent={sent} picker={picker} />
			<div className="field">
				<label htmlFor="timeLimitMinutes">考试时长（分钟）</label>
				<input id="timeLimitMinutes" name="timeLimitMinutes" inputMode="numeric" required defaultValue={sent.value('timeLimitMinutes', '60')} {...invalid('timeLimitMinutes')} />
				<FieldError errors={errors} name="timeLimitMinutes" />
			</div>
			<div className="field">
				<label htmlFor="passMark">合格线（得分率 %）</label>
				<input id="passMark" name="passMark" inputMode="numeric" defaultValue={sent.value('passMark', '80')} {...invalid('passMark')} />
				<span className="hint">默认 80，见 RULES.md §1.4 的考核合格标准。</span>
				<FieldError errors={errors} name="passMark" />
			</div>
			<div className="field">
				<label htmlFor="attemptsAllowed">每人可考次数</label>
				<input id="attemptsAllowed" name="attemptsAllowed" inputMode="numeric" defaultValue={sent.value('attemptsAllowed', '1')} {...invalid('attemptsAllowed')} />
				<FieldError errors={errors} name="attemptsAllowed" />
			</div>
			<div className="field">
				<label htmlFor="opensAt">开始时间（北京时间，可空）</label>
				<input id="opensAt" name="opensAt" type="datetime-local" defaultValue={sent.value('opensAt')} {...invalid('opensAt')} />
				<FieldError errors={errors} name="opensAt" />
			</div>
			<div className="field">
				<label htmlFor="closesAt">结束时间（北京时间，可空）</label>
				<input id="closesAt" name="closesAt" type="datetime-local" defaultValue={sent.value('closesAt')} {...invalid('closesAt')} />
				<FieldError errors={errors} name="closesAt" />
			</div>
			<div className="field">
				<label htmlFor="review">答题详情</label>
				<select id="review" name="review" defaultValue={sent.value('review', 'after_submit')}>
					<option value="after_submit">交卷后即可查看</option>
					<option value="after_close">考试结束后开放</option>
					<option value="never">不开放</option>
				</select>
			</div>
			<div className="field">
				<label htmlFor="scoring">多选题计分</label>
				<select id="scoring" name="scoring" defaultValue={sent.value('scoring', 'all-or-nothing')}>
					<option value="all-or-nothing">全对才得分</option>
					<option value="partial">少选按比例得分，错选不得分</option>
				</select>
			</div>
			<div className="field">
				<label htmlFor="certificateMonths">合格证明有效期（月，留空不发）</label>
				<input id="certificateMonths" name="certificateMonths" inputMode="numeric" defaultValue={sent.value('certificateMonths')} {...invalid('certificateMonths')} />
				<FieldError errors={errors} name="certificateMonths" />
			</div>
			<fieldset className="field">
				<legend>考试对象：岗位类别（不选表示全部）</legend>
				{JOB_CATEGORIES.map((j) => (
					<label key={j.code}>
						<input type="checkbox" name="jobs" value={j.code} defaultChecked={sent.checked('jobs', j.code)} /> {j.label}
					</label>
				))}
			</fieldset>
			{withIndustries ? (
				<fieldset className="field">
					<legend>考试对象：行业（不选表示全部）</legend>
					{INDUSTRIES.map((ind) => (
						<label key={ind.code}>
							<input type="checkbox" name="industries" value={ind.code} defaultChecked={sent.checked('industries', ind.code)} /> {ind.label}
						</label>
					))}
				</fieldset>
			) : null}
			<button type="submit" name="intent" value="create" className="primary" disabled={busy}>
				保存为草稿
			</button>
		</Form>
	)
}

type Sent = ReturnType<typeof sentFields>

/**
 * The fixed paper: points per type, the picked questions (each may have points of its own), and
 * a filtered page of the chosen banks' other current questions. Its buttons send the whole form
 * by GET to this page: nothing is saved, the ticks and entries come back in the address.
 */
function FixedPaperPicker({ banks, errors, sent, picker }: { banks: Bank[]; errors: Errors; sent: Sent; picker: ExamFormPicker }) {
	const { pathname } = useLocation()
	const chosen = banks.filter((b) => sent.checked('banks', b.slug))
	const { results } = picker
	const pages = Math.max(1, Math.ceil(results.total / results.pageSize))
	const reload = { type: 'submit', formMethod: 'get', formAction: `${pathname}#fixed-questions`, formNoValidate: true, name: 'qpage', className: 'secondary' } as const
	return (
		<fieldset className="field paper-fixed" id="fixed-questions">
			<legend>固定试题</legend>
			<p className="hint">勾选上面的题库后点“筛选试题”，在列表中勾选要用的题目；筛选和翻页会保留已勾选的题目和已填的内容。试卷按单选、多选、判断排列；单题分值留空的，按题型每题分值计。</p>
			<div className="filters">
				{QUESTION_TYPES.map((t) => (
					<div className="field" key={t}>
						<label htmlFor={`points.${t}`}>{QUESTION_TYPE_LABELS[t]}每题分值</label>
						<input id={`points.${t}`} name={`points.${t}`} inputMode="decimal" defaultValue={sent.value(`points.${t}`, String(DEFAULT_TYPE_POINTS[t]))} {...invalidProps(errors, `points.${t}`)} />
					</div>
				))}
			</div>
			{QUESTION_TYPES.map((t) => (
				<FieldError key={t} errors={errors} name={`points.${t}`} />
			))}
			<h3>
				已选试题：{picker.picked.length} 题{picker.total !== null ? `，总分 ${picker.total} 分` : ''}
			</h3>
			{picker.dropped > 0 ? <p className="hint">有 {picker.dropped} 道已选试题不在所选题库中（或已停用），已移出。</p> : null}
			{picker.picked.length > 0 ? <QuestionTable rows={picker.picked} picked sent={sent} errors={errors} /> : <p className="muted">还没有选题。</p>}
			<FieldError errors={errors} name="questions" />
			<h3>从所选题库中选题</h3>
			<div className="filters" role="search" aria-label="筛选试题">
				<FilterSelect id="qbank" label="题库" value={sent.value('qbank')} choices={chosen.map((b) => ({ value: b.slug, label: b.title }))} />
				<FilterSelect id="qtype" label="题型" value={sent.value('qtype')} choices={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))} />
				<FilterSelect id="qdifficulty" label="难度" value={sent.value('qdifficulty')} choices={DIFFICULTIES.map((d) => ({ value: d, label: DIFFICULTY_LABELS[d] }))} />
				<FilterSelect id="qtopic" label="知识点" value={sent.value('qtopic')} choices={picker.topics.map((t) => ({ value: t, label: t }))} />
				<div className="field">
					<label htmlFor="qsearch">题干包含</label>
					<input id="qsearch" name="qsearch" maxLength={50} defaultValue={sent.value('qsearch')} />
				</div>
				<button {...reload} value="1">
					筛选试题
				</button>
			</div>
			{chosen.length === 0 ? (
				<p className="muted">请先勾选题库，再点“筛选试题”。</p>
			) : results.rows.length === 0 ? (
				<p className="muted">没有符合条件的其他题目。</p>
			) : (
				<QuestionTable rows={results.rows} picked={false} sent={sent} errors={errors} />
			)}
			{results.total > 0 ? (
				<nav className="pager" aria-label="试题分页">
					<span className="muted">
						共 {results.total} 题 · 第 {results.page}/{pages} 页
					</span>
					{results.page > 1 ? (
						<button {...reload} value={Math.min(results.page - 1, pages)}>
							上一页
						</button>
					) : null}
					{results.page < pages ? (
						<button {...reload} value={results.page + 1}>
							下一页
						</button>
					) : null}
				</nav>
			) : null}
		</fieldset>
	)
}

/** Questions with a tick each: picked ones ticked, with a points field; the others with their bank. */
function QuestionTable({ rows, picked, sent, errors }: { rows: PickerRow[]; picked: boolean; sent: Sent; errors: Errors }) {
	return (
		<div className="table-wrap">
			<table>
				<thead>
					<tr>
						<th>选用 · 题号</th>
						<th>题型</th>
						<th>难度</th>
						<th>知识点</th>
						<th>题干</th>
						<th>{picked ? '分值（留空按题型）' : '题库'}</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((q) => {
						const key = questionLabel(q.key)
						return (
							<tr key={q.id}>
								<td>
									<label>
										<input type="checkbox" name="questions" value={q.id} defaultChecked={picked} /> {key}
									</label>
								</td>
								<td>{QUESTION_TYPE_LABELS[q.type]}</td>
								<td>{DIFFICULTY_LABELS[q.difficulty]}</td>
								<td className="wrap">{q.topic}</td>
								<td className="wrap">{q.stem}</td>
								<td className={picked ? undefined : 'wrap'}>
									{picked ? (
										<>
											<input
												name={`qpoints.${q.id}`}
												aria-label={`${key} 的分值`}
												inputMode="decimal"
												size={4}
												placeholder={sent.value(`points.${q.type}`, String(DEFAULT_TYPE_POINTS[q.type]))}
												defaultValue={sent.value(`qpoints.${q.id}`)}
												{...invalidProps(errors, `qpoints.${q.id}`)}
											/>
											<FieldError errors={errors} name={`qpoints.${q.id}`} />
										</>
									) : (
										q.bankTitle
									)}
								</td>
							</tr>
						)
					})}
				</tbody>
			</table>
		</div>
	)
}

import { Form } from '@remix-run/react'
import { FieldError, invalidProps } from '#app/components/forms.tsx'
import { RULE_ROWS } from '#app/exams/exam-form.ts'
import { DIFFICULTIES, DIFFICULTY_LABELS, QUESTION_TYPE_LABELS, QUESTION_TYPES } from '#app/exams/question.ts'
import { INDUSTRIES, JOB_CATEGORIES } from '#app/orgs/industries.ts'

type Errors = Record<string, string> | undefined

/** The exam template form (works without JavaScript). Industries show for platform-wide exams only. */
export function ExamForm({ banks, errors, withIndustries, busy }: { banks: { slug: string; title: string; questions: number }[]; errors: Errors; withIndustries: boolean; busy: boolean }) {
	const invalid = (name: string) => invalidProps(errors, name)
	return (
		<Form method="post" className="stack exam-form">
			<input type="hidden" name="intent" value="create" />
			<FieldError errors={errors} name="form" />
			<div className="field">
				<label htmlFor="title">考试名称</label>
				<input id="title" name="title" required maxLength={80} {...invalid('title')} />
				<FieldError errors={errors} name="title" />
			</div>
			<fieldset className="field">
				<legend>题库</legend>
				{banks.map((b) => (
					<label key={b.slug}>
						<input type="checkbox" name="banks" value={b.slug} /> {b.title}（{b.questions} 题）
					</label>
				))}
				<FieldError errors={errors} name="banks" />
			</fieldset>
			<fieldset className="field">
				<legend>抽题规则（每行：题型 × 题数 × 每题分值，可按知识点、难度限定；留空的行不用）</legend>
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
										<select name={`rule${i}.type`} aria-label={`第 ${i + 1} 行题型`} defaultValue="">
											<option value="">（不用）</option>
											{QUESTION_TYPES.map((t) => (
												<option key={t} value={t}>
													{QUESTION_TYPE_LABELS[t]}
												</option>
											))}
										</select>
									</td>
									<td>
										<input name={`rule${i}.count`} aria-label={`第 ${i + 1} 行题数`} inputMode="numeric" size={4} />
									</td>
									<td>
										<input name={`rule${i}.points`} aria-label={`第 ${i + 1} 行每题分值`} inputMode="decimal" size={4} />
									</td>
									<td>
										<input name={`rule${i}.topic`} aria-label={`第 ${i + 1} 行知识点`} size={10} />
									</td>
									<td>
										<select name={`rule${i}.difficulty`} aria-label={`第 ${i + 1} 行难度`} defaultValue="">
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
			<div className="field">
				<label htmlFor="timeLimitMinutes">考试时长（分钟）</label>
				<input id="timeLimitMinutes" name="timeLimitMinutes" inputMode="numeric" required defaultValue="60" {...invalid('timeLimitMinutes')} />
				<FieldError errors={errors} name="timeLimitMinutes" />
			</div>
			<div className="field">
				<label htmlFor="passMark">合格线（得分率 %）</label>
				<input id="passMark" name="passMark" inputMode="numeric" defaultValue="80" {...invalid('passMark')} />
				<span className="hint">默认 80，见 RULES.md §1.4 的考核合格标准。</span>
				<FieldError errors={errors} name="passMark" />
			</div>
			<div className="field">
				<label htmlFor="attemptsAllowed">每人可考次数</label>
				<input id="attemptsAllowed" name="attemptsAllowed" inputMode="numeric" defaultValue="1" {...invalid('attemptsAllowed')} />
				<FieldError errors={errors} name="attemptsAllowed" />
			</div>
			<div className="field">
				<label htmlFor="opensAt">开始时间（北京时间，可空）</label>
				<input id="opensAt" name="opensAt" type="datetime-local" {...invalid('opensAt')} />
				<FieldError errors={errors} name="opensAt" />
			</div>
			<div className="field">
				<label htmlFor="closesAt">结束时间（北京时间，可空）</label>
				<input id="closesAt" name="closesAt" type="datetime-local" {...invalid('closesAt')} />
				<FieldError errors={errors} name="closesAt" />
			</div>
			<div className="field">
				<label htmlFor="review">答题详情</label>
				<select id="review" name="review" defaultValue="after_submit">
					<option value="after_submit">交卷后即可查看</option>
					<option value="after_close">考试结束后开放</option>
					<option value="never">不开放</option>
				</select>
			</div>
			<div className="field">
				<label htmlFor="scoring">多选题计分</label>
				<select id="scoring" name="scoring" defaultValue="all-or-nothing">
					<option value="all-or-nothing">全对才得分</option>
					<option value="partial">少选按比例得分，错选不得分</option>
				</select>
			</div>
			<div className="field">
				<label htmlFor="certificateMonths">合格证明有效期（月，留空不发）</label>
				<input id="certificateMonths" name="certificateMonths" inputMode="numeric" {...invalid('certificateMonths')} />
				<FieldError errors={errors} name="certificateMonths" />
			</div>
			<fieldset className="field">
				<legend>考试对象：岗位类别（不选表示全部）</legend>
				{JOB_CATEGORIES.map((j) => (
					<label key={j.code}>
						<input type="checkbox" name="jobs" value={j.code} /> {j.label}
					</label>
				))}
			</fieldset>
			{withIndustries ? (
				<fieldset className="field">
					<legend>考试对象：行业（不选表示全部）</legend>
					{INDUSTRIES.map((ind) => (
						<label key={ind.code}>
							<input type="checkbox" name="industries" value={ind.code} /> {ind.label}
						</label>
					))}
				</fieldset>
			) : null}
			<button type="submit" className="primary" disabled={busy}>
				保存为草稿
			</button>
		</Form>
	)
}

import { OPTION_LETTERS, QUESTION_TYPE_LABELS, type QuestionType } from '#app/exams/question.ts'

/**
 * One question as a form control group: radios (single, true/false) or checkboxes (multiple),
 * values are the displayed option indices. Works without JavaScript and with the keyboard.
 */
export function QuestionFieldset({
	number,
	type,
	stem,
	options,
	name,
	chosen = [],
	points,
}: {
	number: number
	type: QuestionType
	stem: string
	options: readonly string[]
	name: string
	chosen?: readonly number[]
	points?: number
}) {
	return (
		<fieldset className="question card">
			<legend>
				<span className="muted small">
					第 {number} 题 · {QUESTION_TYPE_LABELS[type]}
					{points === undefined ? '' : ` · ${points} 分`}
				</span>
				<span className="stem">{stem}</span>
			</legend>
			{options.map((option, i) => (
				<label key={i} className="option">
					<input type={type === 'multiple' ? 'checkbox' : 'radio'} name={name} value={i} defaultChecked={chosen.includes(i)} />
					<span>
						{type === 'judge' ? '' : `${OPTION_LETTERS[i]}. `}
						{option}
					</span>
				</label>
			))}
		</fieldset>
	)
}

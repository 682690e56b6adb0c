// What every question-bank import format produces. Parsers are pure (text or bytes in), never
// throw on bad input, and name where each problem is (sheet/row, line, file/item).
import { type QuestionContent } from '../question.ts'

export type ImportItem = {
	/** Where the question came from, for messages ("第 3 行", "Sheet1 第 12 行", "items/q7.xml"). */
	where: string
	/** A stable identity if the format has one (GIFT title, Moodle name, QTI identifier); else none. */
	key?: string
	content: QuestionContent
}

export type ImportProblem = { where: string; message: string }

export type ImportResult = {
	/** Questions encountered, valid or not, supported or not. */
	read: number
	/** Valid questions of the supported types. */
	items: ImportItem[]
	/** Invalid questions: the file is refused unless the admin chooses to skip them. */
	problems: ImportProblem[]
	/** Questions of types Anxun does not support (essay, matching …): always skipped, listed. */
	unsupported: ImportProblem[]
}

/** Defaults for what a format does not carry. */
export const IMPORT_DEFAULTS = { topic: '未分类', difficulty: 'medium', explanation: '' } as const

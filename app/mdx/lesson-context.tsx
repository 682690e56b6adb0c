import { createContext, useContext } from 'react'

export type CaseFacts = {
	title: string
	shortName: string
	occurredAt: string
	place: string
	enterprise: string
	deaths: number
	seriousInjuries: number | null
	directLossWan: number | null
	figuresAsOf: string
	figuresSource: string
	figuresNote?: string
	level: string
}

export type LessonContextValue = {
	lessonId: number | null
	/** Checks already answered: id → chosen option. */
	checks: Record<string, number>
	selfChecks: Record<string, Record<string, string>>
	caseFacts: CaseFacts | null
	/** Video state shared with the heartbeat. */
	video: { furthest: number; resumeAt: number; position: number; ended: boolean; playing: boolean }
	/** Whether answers are recorded (a learner) or this is a staff preview. */
	recording: boolean
}

export const LessonContext = createContext<LessonContextValue>({
	lessonId: null,
	checks: {},
	selfChecks: {},
	caseFacts: null,
	video: { furthest: 0, resumeAt: 0, position: 0, ended: false, playing: false },
	recording: false,
})

export function useLesson() {
	return useContext(LessonContext)
}

import { useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'

/** Reload the page's data every `ms` while `active` (work in progress, a code that rotates). */
export function usePollWhile(active: boolean, ms: number) {
	const revalidator = useRevalidator()
	useEffect(() => {
		if (!active) return
		const timer = setInterval(() => {
			if (revalidator.state === 'idle') revalidator.revalidate()
		}, ms)
		return () => clearInterval(timer)
	}, [active, ms, revalidator])
}

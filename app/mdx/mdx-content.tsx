import * as React from 'react'
import * as ReactDOM from 'react-dom'
import * as jsxRuntime from 'react/jsx-runtime'
import { MDX_COMPONENTS } from './components.tsx'

type MdxModule = { default: React.ComponentType<{ components: Record<string, unknown> }> }

/**
 * Turn a compiled mdx-bundler bundle into its component (what mdx-bundler's getMDXComponent
 * does). It uses `new Function`: see docs/decisions/0005-learning-hours-and-mdx.md for the CSP.
 */
function componentOf(code: string) {
	const scope = { React, ReactDOM, _jsx_runtime: jsxRuntime }
	const fn = new Function(...Object.keys(scope), code) as (...args: unknown[]) => MdxModule
	return fn(...Object.values(scope)).default
}

const components = new Map<string, MdxModule['default']>()

/** One component per bundle per process: evaluating the bundle again on every render is waste. */
function cachedComponentOf(code: string) {
	let Component = components.get(code)
	if (!Component) {
		Component = componentOf(code)
		components.set(code, Component)
		if (components.size > 200) components.delete(components.keys().next().value!)
	}
	return Component
}

/** Render a compiled bundle with the fixed component map. */
export function MdxContent({ code }: { code: string }) {
	const Component = cachedComponentOf(code)
	return (
		<div className="mdx">
			<Component components={MDX_COMPONENTS} />
		</div>
	)
}

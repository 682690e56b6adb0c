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

/** Render a compiled bundle with the fixed component map (memoised per bundle). */
export function MdxContent({ code }: { code: string }) {
	const Component = React.useMemo(() => componentOf(code), [code])
	return (
		<div className="mdx">
			<Component components={MDX_COMPONENTS} />
		</div>
	)
}

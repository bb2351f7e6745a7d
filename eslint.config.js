import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', '.cache/', 'pb_data/', 'node_modules/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }
			],
			'no-undef': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// PocketBase's JS hooks run in its goja engine, with its globals ($app, routerAdd, …) and
		// CommonJS require: type-checked against pocketbase/tsconfig.json like the rest.
		files: ['pocketbase/pb_hooks/**/*.js'],
		languageOptions: { sourceType: 'commonjs', globals: {} },
		rules: {
			'@typescript-eslint/no-require-imports': 'off',
			// PocketBase's way to give hooks its declarations: they cannot import
			'@typescript-eslint/triple-slash-reference': 'off',
			// crashes on CommonJS scopes (no strict-mode information); ESLint's own rule holds
			'svelte/no-inner-declarations': 'off'
		}
	},
	{
		// The build configs are outside every tsconfig.
		files: ['eslint.config.js', 'svelte.config.js'],
		...ts.configs.disableTypeChecked
	},
	{
		// The migrations run once each, in an engine of their own; type-checked against
		// pocketbase/tsconfig.json like the hooks (migrations.d.ts: where PocketBase's declarations
		// ask for Go types that its runtime takes as plain values).
		files: ['pocketbase/pb_migrations/**/*.js'],
		languageOptions: { sourceType: 'commonjs' },
		rules: {
			'@typescript-eslint/triple-slash-reference': 'off',
			'svelte/no-inner-declarations': 'off'
		}
	}
);

// The VS Code theme variables the map page reads, with the values of VS Code's
// default Dark Modern, Light Modern and High Contrast themes: inside VS Code
// the workbench sets them; the render harness (bench/render-harness.ts) and
// an exported map page (src/core/export/html.ts), which have no workbench,
// set them from here, so the page looks as it does inside VS Code.

const FONT = `-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", "DejaVu Sans", sans-serif`;

const themes: Record<string, Record<string, string>> = {
  dark: {
    'editor-background': '#1f1f1f',
    'editor-foreground': '#cccccc',
    foreground: '#cccccc',
    descriptionForeground: '#9d9d9d',
    focusBorder: '#0078d4',
    'editorWidget-background': '#202020',
    'editorWidget-foreground': '#cccccc',
    'editorWidget-border': '#313131',
    'widget-shadow': 'rgba(0, 0, 0, 0.36)',
    'input-background': '#313131',
    'input-foreground': '#cccccc',
    'input-border': '#3c3c3c',
    'input-placeholderForeground': '#989898',
    'dropdown-background': '#313131',
    'dropdown-foreground': '#cccccc',
    'dropdown-border': '#3c3c3c',
    'button-secondaryBackground': '#313131',
    'button-secondaryForeground': '#cccccc',
    'button-secondaryHoverBackground': '#3c3c3c',
    'button-border': '#ffffff12',
    'list-hoverBackground': '#2a2d2e',
    'list-activeSelectionBackground': '#04395e',
    'list-activeSelectionForeground': '#ffffff',
    'panel-border': '#2b2b2b',
    'textLink-foreground': '#4daafc',
    errorForeground: '#f85149',
  },
  light: {
    'editor-background': '#ffffff',
    'editor-foreground': '#3b3b3b',
    foreground: '#3b3b3b',
    descriptionForeground: '#6e7781',
    focusBorder: '#005fb8',
    'editorWidget-background': '#f8f8f8',
    'editorWidget-foreground': '#3b3b3b',
    'editorWidget-border': '#e5e5e5',
    'widget-shadow': 'rgba(0, 0, 0, 0.16)',
    'input-background': '#ffffff',
    'input-foreground': '#3b3b3b',
    'input-border': '#cecece',
    'input-placeholderForeground': '#767676',
    'dropdown-background': '#ffffff',
    'dropdown-foreground': '#3b3b3b',
    'dropdown-border': '#cecece',
    'button-secondaryBackground': '#e5e5e5',
    'button-secondaryForeground': '#3b3b3b',
    'button-secondaryHoverBackground': '#cccccc',
    'button-border': '#0000001a',
    'list-hoverBackground': '#f2f2f2',
    'list-activeSelectionBackground': '#e8e8e8',
    'list-activeSelectionForeground': '#000000',
    'panel-border': '#e5e5e5',
    'textLink-foreground': '#005fb8',
    errorForeground: '#f85149',
  },
  'high-contrast': {
    'editor-background': '#000000',
    'editor-foreground': '#ffffff',
    foreground: '#ffffff',
    descriptionForeground: '#ffffff',
    focusBorder: '#f38518',
    contrastBorder: '#6fc3df',
    'editorWidget-background': '#0c141f',
    'editorWidget-border': '#6fc3df',
    'input-background': '#000000',
    'input-border': '#6fc3df',
    'dropdown-background': '#000000',
    'dropdown-border': '#6fc3df',
    'button-secondaryBackground': '#000000',
    'button-border': '#6fc3df',
    'list-activeSelectionBackground': '#000000',
    'list-focusOutline': '#f38518',
    'panel-border': '#6fc3df',
    'textLink-foreground': '#21a6ff',
    errorForeground: '#f48771',
  },
};

export const THEME_CLASS: Record<string, string> = {
  dark: 'vscode-dark',
  light: 'vscode-light',
  'high-contrast': 'vscode-high-contrast',
};

export function themeCss(name: string): string {
  const vars = themes[name] ?? themes.dark;
  const lines = Object.entries(vars).map(([k, v]) => `  --vscode-${k}: ${v};`);
  lines.push(`  --vscode-font-family: ${FONT};`, '  --vscode-font-size: 13px;', '  --vscode-editor-font-family: "DejaVu Sans Mono", monospace;');
  return `html {\n${lines.join('\n')}\n}\n`;
}

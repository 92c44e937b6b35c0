// The YAML language worker (validation, completion, hover against a JSON Schema), bundled with the app.
import 'monaco-yaml/yaml.worker';

/**
 * The Python value model at the bottom of the engine: what the YAML/JSON loaders produce, with the
 * distinctions Python makes and JS does not (`1.0` vs `1`, `dict` vs other objects), Python's
 * truthiness, `type(x).__name__`, `copy.deepcopy`, `str()` and `repr()`.
 *
 * Imports nothing from the rest of the project: every other folder may import it.
 */
export { deepCopy, isMapping, isTruthy, PythonFloat, pythonTypeName, type Mapping } from './python-value.js';
export { pythonFloatRepr, pythonRepr, pythonStr, pythonStringRepr } from './python-str.js';

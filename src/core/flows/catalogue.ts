import type { PyValue } from './values.js';

/**
 * Library modules whose names this reader understands. Attribute access on them yields
 * `{k:'builtin', name}` with a canonical name, so `typing.List`, `typing_extensions.List` and
 * `from typing import List` all mean the same thing to the schema builder.
 */
export const KNOWN_MODULES = new Set([
  'builtins',
  'typing',
  'typing_extensions',
  'collections',
  'collections.abc',
  'datetime',
  'enum',
  'pydantic',
  'pydantic.fields',
  'pydantic.types',
  'pydantic.networks',
  'pydantic.main',
  'pydantic.dataclasses',
  'dataclasses',
  'pathlib',
  'uuid',
  'decimal',
  'ipaddress',
  're',
  'prefect',
  'prefect.flows',
  'prefect.types',
  'prefect.tasks',
  'yaml',
  '__future__',
  'abc',
  'functools',
  'inspect',
  'math',
  'os',
  'sys',
  'json',
  'logging',
  'asyncio',
  'time',
  'random',
  'string',
  'textwrap',
  'itertools',
  'operator',
  'copy',
  'warnings',
  'contextlib',
  'traceback',
  'pprint',
  'subprocess',
  'shutil',
  'tempfile',
  'glob',
  'io',
  'csv',
  'hashlib',
  'base64',
  'urllib',
  'urllib.parse',
  'zoneinfo',
  'numbers',
  'fractions',
  'statistics',
  'platform',
  'socket',
  'threading',
  'concurrent.futures',
  'argparse',
  'secrets',
  'calendar',
  'types',
  'weakref',
  'heapq',
  'bisect',
  'struct',
  'gzip',
  'zipfile',
  'tarfile',
  'pickle',
  'sqlite3',
  'http',
  'email',
  'html',
  'xml',
  'unittest',
  'signal',
  'queue',
  'multiprocessing',
  'getpass',
  'locale',
  'gettext',
  'codecs',
  'difflib',
  'dis',
  'ast',
  'importlib',
  'pkgutil',
  'site',
  'sysconfig',
  'errno',
  'stat',
  'fnmatch',
  'filecmp',
  'array',
  'prefect.logging',
  'prefect.runtime',
  'prefect.blocks',
  'prefect.artifacts',
  'prefect.context',
  'prefect.deployments',
  'prefect.futures',
  'prefect.states',
  'prefect.task_runners',
  'prefect.cache_policies',
  'prefect.variables',
  'prefect.client',
  'prefect.filesystems',
  'prefect.blocks.system',
  'prefect.utilities',
  'prefect.schedules',
  'os.path',
]);

/** Re-exports that name the same object, mapped to one canonical prefix. */
const ALIASES: Record<string, string> = {
  'typing_extensions.': 'typing.',
  'collections.abc.': 'typing.',
  'pydantic.fields.': 'pydantic.',
  'pydantic.types.': 'pydantic.',
  'pydantic.networks.': 'pydantic.',
  'pydantic.main.': 'pydantic.',
  'prefect.flows.': 'prefect.',
  'prefect.tasks.': 'prefect.',
  'builtins.': '',
};

export function canonicalName(module: string, attr: string): string {
  const full = `${module}.${attr}`;
  for (const [from, to] of Object.entries(ALIASES)) {
    if (full.startsWith(from)) return to + full.slice(from.length);
  }
  if (full === 'pydantic.dataclasses.dataclass') return 'dataclasses.dataclass';
  if (full === 'collections.OrderedDict' || full === 'collections.defaultdict') return 'dict';
  return full;
}

export const BUILTIN_NAMES = new Set([
  'int',
  'float',
  'str',
  'bool',
  'bytes',
  'list',
  'dict',
  'tuple',
  'set',
  'frozenset',
  'object',
  'type',
  'complex',
  'print',
  'len',
  'range',
  'sorted',
  'min',
  'max',
  'sum',
  'abs',
  'round',
  'repr',
  'isinstance',
  'getattr',
  'staticmethod',
  'classmethod',
  'property',
  'Exception',
  'ValueError',
  'TypeError',
  'KeyError',
  'ImportError',
  'ModuleNotFoundError',
  'NameError',
  'RuntimeError',
  'AttributeError',
  'NotImplementedError',
  'open',
  'enumerate',
  'zip',
  'map',
  'filter',
  'iter',
  'next',
  'id',
  'hash',
  'super',
  'vars',
  'dir',
  'format',
  'chr',
  'ord',
  'any',
  'all',
  'bytearray',
  'memoryview',
  'callable',
  'hasattr',
  'setattr',
  'issubclass',
  'globals',
  'locals',
  'input',
  'NotImplemented',
  '__import__',
]);

/** Values of special module attributes that are not types or callables. */
export function specialAttribute(name: string): PyValue | undefined {
  switch (name) {
    case 'typing.TYPE_CHECKING':
      return { k: 'bool', v: false };
    case 'datetime.timezone.utc':
    case 'datetime.UTC':
      return { k: 'object', type: 'timezone', data: { offset: 0 } };
    case 'math.pi':
      return { k: 'float', v: Math.PI };
    case 'math.e':
      return { k: 'float', v: Math.E };
    case 'math.inf':
      return { k: 'float', v: Infinity };
    case 'logging.DEBUG':
      return { k: 'int', v: 10 };
    case 'logging.INFO':
      return { k: 'int', v: 20 };
    case 'logging.WARNING':
      return { k: 'int', v: 30 };
    case 'logging.ERROR':
      return { k: 'int', v: 40 };
    case 'logging.CRITICAL':
      return { k: 'int', v: 50 };
    default:
      return undefined;
  }
}

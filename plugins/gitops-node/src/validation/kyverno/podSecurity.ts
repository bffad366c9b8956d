import { PolicyLocation, invalid, unsupported } from './errors';
import { PathSegment, isPlainObject } from './paths';

/** A Pod Security Standards level. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** `latest`, or the Kubernetes minor version of `v1.<minor>`. */
export type PodSecurityVersion = number;

const LATEST: PodSecurityVersion = Number.POSITIVE_INFINITY;

/**
 * The parsed `validate.podSecurity` of a rule.
 */
export interface PodSecuritySettings {
  level: PodSecurityLevel;
  version: PodSecurityVersion;
  /** As written, for messages: `restricted:latest`. */
  label: string;
}

/** One Pod Security Standards check that a pod does not meet. */
export interface PodSecurityViolation {
  /** The check's id in k8s.io/pod-security-admission, e.g. `runAsNonRoot`. */
  check: string;
  /** Where in the pod, from its root (`spec.containers[0]...`). */
  path: PathSegment[];
  message: string;
}

/** Reads a rule's `validate.podSecurity`, throwing on what is not implemented. */
export function parsePodSecurity(
  value: unknown,
  at: PolicyLocation,
): PodSecuritySettings {
  if (!isPlainObject(value)) {
    invalid(at, 'validate.podSecurity must be an object');
  }
  for (const key of Object.keys(value)) {
    if (key === 'exclude') {
      unsupported(at, 'validate.podSecurity.exclude');
    } else if (key !== 'level' && key !== 'version') {
      unsupported(at, `validate.podSecurity.${key}`);
    }
  }
  const level = value.level;
  if (
    level !== 'privileged' &&
    level !== 'baseline' &&
    level !== 'restricted'
  ) {
    invalid(
      at,
      `validate.podSecurity.level must be privileged, baseline or restricted, not ${JSON.stringify(
        level,
      )}`,
    );
  }
  const versionText = value.version ?? 'latest';
  let version: PodSecurityVersion;
  if (versionText === 'latest') {
    version = LATEST;
  } else {
    const match =
      typeof versionText === 'string' ? /^v1\.(\d+)$/.exec(versionText) : null;
    if (!match) {
      invalid(
        at,
        `validate.podSecurity.version must be 'latest' or 'v1.<minor>', not ${JSON.stringify(
          versionText,
        )}`,
      );
    }
    version = Number(match[1]);
    if (version < 19) {
      // Before 1.19 seccomp was checked through annotations, which this
      // evaluator does not implement.
      unsupported(at, `validate.podSecurity.version ${versionText} (< v1.19)`);
    }
  }
  return { level, version, label: `${level}:${versionText}` };
}

// ---- helpers ---------------------------------------------------------------

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return isPlainObject(value) ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

interface ContainerView {
  name: string;
  path: PathSegment[];
  securityContext?: Json;
  container: Json;
}

const CONTAINER_FIELDS = [
  'initContainers',
  'containers',
  'ephemeralContainers',
] as const;

function containersOf(spec: Json): ContainerView[] {
  const views: ContainerView[] = [];
  for (const field of CONTAINER_FIELDS) {
    list(spec[field]).forEach((value, index) => {
      const container = object(value) ?? {};
      views.push({
        name: typeof container.name === 'string' ? container.name : `#${index}`,
        path: ['spec', field, index],
        securityContext: object(container.securityContext),
        container,
      });
    });
  }
  return views;
}

interface PodView {
  metadata: Json;
  spec: Json;
  securityContext?: Json;
  containers: ContainerView[];
  isWindows: boolean;
}

const POD_SECURITY_CONTEXT: PathSegment[] = ['spec', 'securityContext'];

type Check = {
  id: string;
  level: Exclude<PodSecurityLevel, 'privileged'>;
  /** Checks a restricted check replaces, as PSA's `Overlap` does. */
  replacedByRestricted?: boolean;
  run(pod: PodView, version: PodSecurityVersion): PodSecurityViolation[];
};

function violation(
  check: string,
  path: PathSegment[],
  message: string,
): PodSecurityViolation {
  return { check, path, message };
}

// ---- baseline --------------------------------------------------------------

const hostProcess: Check = {
  id: 'hostProcess',
  level: 'baseline',
  run(pod) {
    const found: PodSecurityViolation[] = [];
    if (object(pod.securityContext?.windowsOptions)?.hostProcess === true) {
      found.push(
        violation(
          'hostProcess',
          [...POD_SECURITY_CONTEXT, 'windowsOptions', 'hostProcess'],
          'pod must not set securityContext.windowsOptions.hostProcess=true',
        ),
      );
    }
    for (const c of pod.containers) {
      if (object(c.securityContext?.windowsOptions)?.hostProcess === true) {
        found.push(
          violation(
            'hostProcess',
            [...c.path, 'securityContext', 'windowsOptions', 'hostProcess'],
            `container "${c.name}" must not set securityContext.windowsOptions.hostProcess=true`,
          ),
        );
      }
    }
    return found;
  },
};

const hostNamespaces: Check = {
  id: 'hostNamespaces',
  level: 'baseline',
  run(pod) {
    return (['hostNetwork', 'hostPID', 'hostIPC'] as const)
      .filter(field => pod.spec[field] === true)
      .map(field =>
        violation(
          'hostNamespaces',
          ['spec', field],
          `pod must not set ${field}=true`,
        ),
      );
  },
};

const privileged: Check = {
  id: 'privileged',
  level: 'baseline',
  run(pod) {
    return pod.containers
      .filter(c => c.securityContext?.privileged === true)
      .map(c =>
        violation(
          'privileged',
          [...c.path, 'securityContext', 'privileged'],
          `container "${c.name}" must not set securityContext.privileged=true`,
        ),
      );
  },
};

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

const capabilitiesBaseline: Check = {
  id: 'capabilities_baseline',
  level: 'baseline',
  replacedByRestricted: true,
  run(pod) {
    const found: PodSecurityViolation[] = [];
    for (const c of pod.containers) {
      list(object(c.securityContext?.capabilities)?.add).forEach(
        (capability, index) => {
          if (!BASELINE_CAPABILITIES.has(String(capability))) {
            found.push(
              violation(
                'capabilities_baseline',
                [...c.path, 'securityContext', 'capabilities', 'add', index],
                `container "${c.name}" must not add capability "${capability}" (non-default capabilities)`,
              ),
            );
          }
        },
      );
    }
    return found;
  },
};

const hostPathVolumes: Check = {
  id: 'hostPathVolumes',
  level: 'baseline',
  run(pod) {
    const found: PodSecurityViolation[] = [];
    list(pod.spec.volumes).forEach((volume, index) => {
      const hostPath = object(volume)?.hostPath;
      if (hostPath !== undefined && hostPath !== null) {
        found.push(
          violation(
            'hostPathVolumes',
            ['spec', 'volumes', index, 'hostPath'],
            `volume "${object(volume)?.name}" must not use hostPath`,
          ),
        );
      }
    });
    return found;
  },
};

const hostPorts: Check = {
  id: 'hostPorts',
  level: 'baseline',
  run(pod) {
    const found: PodSecurityViolation[] = [];
    for (const c of pod.containers) {
      list(c.container.ports).forEach((port, index) => {
        const hostPort = object(port)?.hostPort;
        if (hostPort !== undefined && hostPort !== null && hostPort !== 0) {
          found.push(
            violation(
              'hostPorts',
              [...c.path, 'ports', index, 'hostPort'],
              `container "${c.name}" must not use hostPort ${hostPort}`,
            ),
          );
        }
      });
    }
    return found;
  },
};

const APPARMOR_ANNOTATION_PREFIX =
  'container.apparmor.security.beta.kubernetes.io/';

const appArmorProfile: Check = {
  id: 'appArmorProfile',
  level: 'baseline',
  run(pod, version) {
    const found: PodSecurityViolation[] = [];
    for (const [key, value] of Object.entries(
      object(pod.metadata.annotations) ?? {},
    )) {
      const profile = String(value);
      if (
        key.startsWith(APPARMOR_ANNOTATION_PREFIX) &&
        profile !== '' &&
        profile !== 'runtime/default' &&
        !profile.startsWith('localhost/')
      ) {
        found.push(
          violation(
            'appArmorProfile',
            ['metadata', 'annotations', key],
            `forbidden AppArmor profile ${key}="${profile}"`,
          ),
        );
      }
    }
    if (version >= 30) {
      const allowed = (type: unknown) =>
        type === undefined || type === 'RuntimeDefault' || type === 'Localhost';
      const podType = object(pod.securityContext?.appArmorProfile)?.type;
      if (!allowed(podType)) {
        found.push(
          violation(
            'appArmorProfile',
            [...POD_SECURITY_CONTEXT, 'appArmorProfile', 'type'],
            `pod must not set AppArmor profile type to "${podType}"`,
          ),
        );
      }
      for (const c of pod.containers) {
        const type = object(c.securityContext?.appArmorProfile)?.type;
        if (!allowed(type)) {
          found.push(
            violation(
              'appArmorProfile',
              [...c.path, 'securityContext', 'appArmorProfile', 'type'],
              `container "${c.name}" must not set AppArmor profile type to "${type}"`,
            ),
          );
        }
      }
    }
    return found;
  },
};

const seLinuxOptions: Check = {
  id: 'seLinuxOptions',
  level: 'baseline',
  run(pod, version) {
    const allowedTypes = new Set([
      '',
      'container_t',
      'container_init_t',
      'container_kvm_t',
      ...(version >= 31 ? ['container_engine_t'] : []),
    ]);
    const found: PodSecurityViolation[] = [];
    const inspect = (
      securityContext: Json | undefined,
      path: PathSegment[],
      who: string,
    ) => {
      const options = object(securityContext?.seLinuxOptions);
      if (!options) return;
      const type = options.type ?? '';
      if (!allowedTypes.has(String(type))) {
        found.push(
          violation(
            'seLinuxOptions',
            [...path, 'seLinuxOptions', 'type'],
            `${who} must not set securityContext.seLinuxOptions.type "${type}"`,
          ),
        );
      }
      for (const field of ['user', 'role'] as const) {
        if (typeof options[field] === 'string' && options[field] !== '') {
          found.push(
            violation(
              'seLinuxOptions',
              [...path, 'seLinuxOptions', field],
              `${who} must not set securityContext.seLinuxOptions.${field}`,
            ),
          );
        }
      }
    };
    inspect(pod.securityContext, POD_SECURITY_CONTEXT, 'pod');
    for (const c of pod.containers) {
      inspect(
        c.securityContext,
        [...c.path, 'securityContext'],
        `container "${c.name}"`,
      );
    }
    return found;
  },
};

const procMount: Check = {
  id: 'procMount',
  level: 'baseline',
  run(pod) {
    return pod.containers
      .filter(
        c =>
          c.securityContext?.procMount !== undefined &&
          c.securityContext?.procMount !== null &&
          c.securityContext?.procMount !== 'Default',
      )
      .map(c =>
        violation(
          'procMount',
          [...c.path, 'securityContext', 'procMount'],
          `container "${c.name}" must not set securityContext.procMount to "${c.securityContext?.procMount}"`,
        ),
      );
  },
};

function validSeccomp(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

const seccompProfileBaseline: Check = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  replacedByRestricted: true,
  run(pod) {
    const found: PodSecurityViolation[] = [];
    const podProfile = object(pod.securityContext?.seccompProfile);
    if (podProfile && !validSeccomp(podProfile.type)) {
      found.push(
        violation(
          'seccompProfile_baseline',
          [...POD_SECURITY_CONTEXT, 'seccompProfile', 'type'],
          `pod must not set securityContext.seccompProfile.type to "${podProfile.type}"`,
        ),
      );
    }
    for (const c of pod.containers) {
      const profile = object(c.securityContext?.seccompProfile);
      if (profile && !validSeccomp(profile.type)) {
        found.push(
          violation(
            'seccompProfile_baseline',
            [...c.path, 'securityContext', 'seccompProfile', 'type'],
            `container "${c.name}" must not set securityContext.seccompProfile.type to "${profile.type}"`,
          ),
        );
      }
    }
    return found;
  },
};

function allowedSysctls(version: PodSecurityVersion): Set<string> {
  return new Set([
    'kernel.shm_rmid_forced',
    'net.ipv4.ip_local_port_range',
    'net.ipv4.ip_unprivileged_port_start',
    'net.ipv4.tcp_syncookies',
    'net.ipv4.ping_group_range',
    ...(version >= 27 ? ['net.ipv4.ip_local_reserved_ports'] : []),
    ...(version >= 29
      ? [
          'net.ipv4.tcp_keepalive_time',
          'net.ipv4.tcp_fin_timeout',
          'net.ipv4.tcp_keepalive_intvl',
          'net.ipv4.tcp_keepalive_probes',
        ]
      : []),
  ]);
}

const sysctls: Check = {
  id: 'sysctls',
  level: 'baseline',
  run(pod, version) {
    const allowed = allowedSysctls(version);
    const found: PodSecurityViolation[] = [];
    list(pod.securityContext?.sysctls).forEach((sysctl, index) => {
      const name = String(object(sysctl)?.name);
      if (!allowed.has(name)) {
        found.push(
          violation(
            'sysctls',
            [...POD_SECURITY_CONTEXT, 'sysctls', index, 'name'],
            `forbidden sysctl "${name}"`,
          ),
        );
      }
    });
    return found;
  },
};

const hostProbesAndHostLifecycle: Check = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  run(pod, version) {
    if (version < 34) {
      return [];
    }
    const found: PodSecurityViolation[] = [];
    for (const c of pod.containers) {
      const handlers: Array<[PathSegment[], unknown]> = [
        ...(['livenessProbe', 'readinessProbe', 'startupProbe'] as const).map(
          (probe): [PathSegment[], unknown] => [[probe], c.container[probe]],
        ),
        ...(['postStart', 'preStop'] as const).map(
          (hook): [PathSegment[], unknown] => [
            ['lifecycle', hook],
            object(c.container.lifecycle)?.[hook],
          ],
        ),
      ];
      for (const [where, handler] of handlers) {
        for (const action of ['httpGet', 'tcpSocket'] as const) {
          const host = object(object(handler)?.[action])?.host;
          if (typeof host === 'string' && host !== '') {
            found.push(
              violation(
                'hostProbesAndHostLifecycle',
                [...c.path, ...where, action, 'host'],
                `container "${c.name}" must not set a probe or lifecycle host ("${host}")`,
              ),
            );
          }
        }
      }
    }
    return found;
  },
};

// ---- restricted ------------------------------------------------------------

const ALLOWED_VOLUME_SOURCES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

const restrictedVolumes: Check = {
  id: 'restrictedVolumes',
  level: 'restricted',
  run(pod) {
    const found: PodSecurityViolation[] = [];
    list(pod.spec.volumes).forEach((value, index) => {
      const volume = object(value) ?? {};
      const sources = Object.keys(volume).filter(
        key => key !== 'name' && volume[key] !== null,
      );
      // The API server defaults a volume without a source to emptyDir.
      if (
        sources.length > 0 &&
        !sources.some(source => ALLOWED_VOLUME_SOURCES.has(source))
      ) {
        found.push(
          violation(
            'restrictedVolumes',
            ['spec', 'volumes', index],
            `volume "${volume.name}" has restricted type ${sources.join(
              ', ',
            )}; allowed: ${[...ALLOWED_VOLUME_SOURCES].join(', ')}`,
          ),
        );
      }
    });
    return found;
  },
};

const allowPrivilegeEscalation: Check = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  run(pod, version) {
    // Windows pods cannot set it, and from 1.25 are exempt.
    if (pod.isWindows && version >= 25) {
      return [];
    }
    return pod.containers
      .filter(c => c.securityContext?.allowPrivilegeEscalation !== false)
      .map(c =>
        violation(
          'allowPrivilegeEscalation',
          [...c.path, 'securityContext', 'allowPrivilegeEscalation'],
          `container "${c.name}" must set securityContext.allowPrivilegeEscalation=false`,
        ),
      );
  },
};

const runAsNonRoot: Check = {
  id: 'runAsNonRoot',
  level: 'restricted',
  run(pod) {
    const found: PodSecurityViolation[] = [];
    const podValue = pod.securityContext?.runAsNonRoot;
    if (podValue === false) {
      found.push(
        violation(
          'runAsNonRoot',
          [...POD_SECURITY_CONTEXT, 'runAsNonRoot'],
          'pod must not set securityContext.runAsNonRoot=false',
        ),
      );
    }
    for (const c of pod.containers) {
      const value = c.securityContext?.runAsNonRoot;
      if (value === false) {
        found.push(
          violation(
            'runAsNonRoot',
            [...c.path, 'securityContext', 'runAsNonRoot'],
            `container "${c.name}" must not set securityContext.runAsNonRoot=false`,
          ),
        );
      } else if (value !== true && podValue !== true) {
        found.push(
          violation(
            'runAsNonRoot',
            [...c.path, 'securityContext', 'runAsNonRoot'],
            `pod or container "${c.name}" must set securityContext.runAsNonRoot=true`,
          ),
        );
      }
    }
    return found;
  },
};

const runAsUser: Check = {
  id: 'runAsUser',
  level: 'restricted',
  run(pod, version) {
    if (version < 23) {
      return [];
    }
    const found: PodSecurityViolation[] = [];
    if (pod.securityContext?.runAsUser === 0) {
      found.push(
        violation(
          'runAsUser',
          [...POD_SECURITY_CONTEXT, 'runAsUser'],
          'pod must not set securityContext.runAsUser=0',
        ),
      );
    }
    for (const c of pod.containers) {
      if (c.securityContext?.runAsUser === 0) {
        found.push(
          violation(
            'runAsUser',
            [...c.path, 'securityContext', 'runAsUser'],
            `container "${c.name}" must not set securityContext.runAsUser=0`,
          ),
        );
      }
    }
    return found;
  },
};

const seccompProfileRestricted: Check = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  run(pod, version) {
    if (pod.isWindows && version >= 25) {
      return [];
    }
    const found: PodSecurityViolation[] = [];
    const podProfile = object(pod.securityContext?.seccompProfile);
    let podSet = false;
    if (podProfile && !validSeccomp(podProfile.type)) {
      found.push(
        violation(
          'seccompProfile_restricted',
          [...POD_SECURITY_CONTEXT, 'seccompProfile', 'type'],
          `pod must not set securityContext.seccompProfile.type to "${podProfile.type}"`,
        ),
      );
    } else if (podProfile) {
      podSet = true;
    }
    for (const c of pod.containers) {
      const profile = object(c.securityContext?.seccompProfile);
      if (profile && !validSeccomp(profile.type)) {
        found.push(
          violation(
            'seccompProfile_restricted',
            [...c.path, 'securityContext', 'seccompProfile', 'type'],
            `container "${c.name}" must not set securityContext.seccompProfile.type to "${profile.type}"`,
          ),
        );
      } else if (!profile && !podSet) {
        found.push(
          violation(
            'seccompProfile_restricted',
            [...c.path, 'securityContext', 'seccompProfile', 'type'],
            `pod or container "${c.name}" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
          ),
        );
      }
    }
    return found;
  },
};

const capabilitiesRestricted: Check = {
  id: 'capabilities_restricted',
  level: 'restricted',
  run(pod, version) {
    if (pod.isWindows && version >= 25) {
      return [];
    }
    const found: PodSecurityViolation[] = [];
    for (const c of pod.containers) {
      const capabilities = object(c.securityContext?.capabilities);
      const capabilitiesPath = [...c.path, 'securityContext', 'capabilities'];
      if (!list(capabilities?.drop).includes('ALL')) {
        found.push(
          violation(
            'capabilities_restricted',
            [...capabilitiesPath, 'drop'],
            `container "${c.name}" must set securityContext.capabilities.drop=["ALL"]`,
          ),
        );
      }
      list(capabilities?.add).forEach((capability, index) => {
        if (capability !== 'NET_BIND_SERVICE') {
          found.push(
            violation(
              'capabilities_restricted',
              [...capabilitiesPath, 'add', index],
              `container "${c.name}" must not add capability "${capability}" (only NET_BIND_SERVICE may be added)`,
            ),
          );
        }
      });
    }
    return found;
  },
};

const CHECKS: Check[] = [
  hostProcess,
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfileBaseline,
  sysctls,
  hostProbesAndHostLifecycle,
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
  capabilitiesRestricted,
];

/**
 * Evaluates the Pod Security Standards (as k8s.io/pod-security-admission
 * does, which Kyverno's `podSecurity` rules run) on a pod given as
 * `{ metadata, spec }`. Returns every violation; none means the pod passes.
 */
export function checkPodSecurity(
  pod: { metadata?: unknown; spec?: unknown },
  settings: PodSecuritySettings,
): PodSecurityViolation[] {
  if (settings.level === 'privileged') {
    return [];
  }
  const spec = object(pod.spec) ?? {};
  const view: PodView = {
    metadata: object(pod.metadata) ?? {},
    spec,
    securityContext: object(spec.securityContext),
    containers: containersOf(spec),
    isWindows: object(spec.os)?.name === 'windows',
  };
  return CHECKS.filter(check =>
    settings.level === 'restricted'
      ? !check.replacedByRestricted
      : check.level === 'baseline',
  ).flatMap(check => check.run(view, settings.version));
}

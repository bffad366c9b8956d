import { formatPath } from './paths';
import {
  PodSecuritySettings,
  checkPodSecurity,
  parsePodSecurity,
} from './podSecurity';

const at = { policy: 'pss', rule: 'pss' };
const restricted = parsePodSecurity(
  { level: 'restricted', version: 'latest' },
  at,
);
const baseline = parsePodSecurity({ level: 'baseline' }, at);

type Pod = { metadata: Record<string, any>; spec: Record<string, any> };

function compliantPod(): Pod {
  return {
    metadata: { annotations: {} },
    spec: {
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 1001,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      initContainers: [
        {
          name: 'init',
          image: 'busybox:1.36',
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          },
        },
      ],
      containers: [
        {
          name: 'app',
          image: 'app:v1',
          ports: [{ containerPort: 8080 }],
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
          },
        },
      ],
      volumes: [
        { name: 'tmp', emptyDir: {} },
        { name: 'config', configMap: { name: 'c' } },
        { name: 'token', projected: { sources: [] } },
      ],
    },
  };
}

function violations(pod: Pod, settings: PodSecuritySettings = restricted) {
  return checkPodSecurity(pod, settings).map(v => ({
    check: v.check,
    path: formatPath(v.path),
  }));
}

function broken(change: (pod: Pod) => void): Pod {
  const pod = compliantPod();
  change(pod);
  return pod;
}

describe('checkPodSecurity', () => {
  it('passes a pod that meets the restricted level', () => {
    expect(violations(compliantPod())).toEqual([]);
  });

  it('accepts runAsNonRoot and seccomp set on every container instead of the pod', () => {
    const pod = broken(p => {
      p.spec.securityContext = {};
      for (const c of [...p.spec.initContainers, ...p.spec.containers]) {
        c.securityContext.runAsNonRoot = true;
        c.securityContext.seccompProfile = {
          type: 'Localhost',
          localhostProfile: 'p',
        };
      }
    });
    expect(violations(pod)).toEqual([]);
  });

  it.each<[string, (pod: Pod) => void, Array<{ check: string; path: string }>]>(
    [
      [
        'runAsNonRoot false on a container',
        p => {
          p.spec.containers[0].securityContext.runAsNonRoot = false;
        },
        [
          {
            check: 'runAsNonRoot',
            path: 'spec.containers[0].securityContext.runAsNonRoot',
          },
        ],
      ],
      [
        'runAsNonRoot set nowhere',
        p => {
          delete p.spec.securityContext.runAsNonRoot;
          p.spec.containers[0].securityContext.runAsNonRoot = true;
        },
        [
          {
            check: 'runAsNonRoot',
            path: 'spec.initContainers[0].securityContext.runAsNonRoot',
          },
        ],
      ],
      [
        'runAsUser 0',
        p => {
          p.spec.securityContext.runAsUser = 0;
        },
        [{ check: 'runAsUser', path: 'spec.securityContext.runAsUser' }],
      ],
      [
        'privilege escalation not disabled',
        p => {
          delete p.spec.containers[0].securityContext.allowPrivilegeEscalation;
        },
        [
          {
            check: 'allowPrivilegeEscalation',
            path: 'spec.containers[0].securityContext.allowPrivilegeEscalation',
          },
        ],
      ],
      [
        'no seccomp profile',
        p => {
          delete p.spec.securityContext.seccompProfile;
        },
        [
          {
            check: 'seccompProfile_restricted',
            path: 'spec.initContainers[0].securityContext.seccompProfile.type',
          },
          {
            check: 'seccompProfile_restricted',
            path: 'spec.containers[0].securityContext.seccompProfile.type',
          },
        ],
      ],
      [
        'an Unconfined seccomp profile on a container',
        p => {
          p.spec.containers[0].securityContext.seccompProfile = {
            type: 'Unconfined',
          };
        },
        [
          {
            check: 'seccompProfile_restricted',
            path: 'spec.containers[0].securityContext.seccompProfile.type',
          },
        ],
      ],
      [
        'capabilities not dropped and one added',
        p => {
          p.spec.containers[0].securityContext.capabilities = {
            add: ['NET_ADMIN'],
          };
        },
        [
          {
            check: 'capabilities_restricted',
            path: 'spec.containers[0].securityContext.capabilities.drop',
          },
          {
            check: 'capabilities_restricted',
            path: 'spec.containers[0].securityContext.capabilities.add[0]',
          },
        ],
      ],
      [
        'a hostPath volume',
        p => {
          p.spec.volumes.push({ name: 'host', hostPath: { path: '/var' } });
        },
        [
          { check: 'hostPathVolumes', path: 'spec.volumes[3].hostPath' },
          { check: 'restrictedVolumes', path: 'spec.volumes[3]' },
        ],
      ],
      [
        'an nfs volume',
        p => {
          p.spec.volumes.push({
            name: 'share',
            nfs: { server: 'x', path: '/' },
          });
        },
        [{ check: 'restrictedVolumes', path: 'spec.volumes[3]' }],
      ],
      [
        'a privileged container',
        p => {
          p.spec.containers[0].securityContext.privileged = true;
        },
        [
          {
            check: 'privileged',
            path: 'spec.containers[0].securityContext.privileged',
          },
        ],
      ],
      [
        'host network',
        p => {
          p.spec.hostNetwork = true;
        },
        [{ check: 'hostNamespaces', path: 'spec.hostNetwork' }],
      ],
      [
        'a host port',
        p => {
          p.spec.containers[0].ports[0].hostPort = 80;
        },
        [{ check: 'hostPorts', path: 'spec.containers[0].ports[0].hostPort' }],
      ],
      [
        'an unsafe sysctl',
        p => {
          p.spec.securityContext.sysctls = [
            { name: 'net.ipv4.tcp_keepalive_time', value: '60' },
            { name: 'kernel.msgmax', value: '1' },
          ];
        },
        [{ check: 'sysctls', path: 'spec.securityContext.sysctls[1].name' }],
      ],
      [
        'an unconfined AppArmor profile',
        p => {
          p.metadata.annotations[
            'container.apparmor.security.beta.kubernetes.io/app'
          ] = 'unconfined';
          p.spec.containers[0].securityContext.appArmorProfile = {
            type: 'Unconfined',
          };
        },
        [
          {
            check: 'appArmorProfile',
            path: "metadata.annotations['container.apparmor.security.beta.kubernetes.io/app']",
          },
          {
            check: 'appArmorProfile',
            path: 'spec.containers[0].securityContext.appArmorProfile.type',
          },
        ],
      ],
      [
        'a custom SELinux type and user',
        p => {
          p.spec.securityContext.seLinuxOptions = {
            type: 'spc_t',
            user: 'root',
          };
        },
        [
          {
            check: 'seLinuxOptions',
            path: 'spec.securityContext.seLinuxOptions.type',
          },
          {
            check: 'seLinuxOptions',
            path: 'spec.securityContext.seLinuxOptions.user',
          },
        ],
      ],
      [
        'an unmasked /proc',
        p => {
          p.spec.containers[0].securityContext.procMount = 'Unmasked';
        },
        [
          {
            check: 'procMount',
            path: 'spec.containers[0].securityContext.procMount',
          },
        ],
      ],
      [
        'a Windows host process',
        p => {
          p.spec.securityContext.windowsOptions = { hostProcess: true };
        },
        [
          {
            check: 'hostProcess',
            path: 'spec.securityContext.windowsOptions.hostProcess',
          },
        ],
      ],
      [
        'a probe host',
        p => {
          p.spec.containers[0].readinessProbe = {
            httpGet: { host: '10.0.0.1', path: '/', port: 80 },
          };
        },
        [
          {
            check: 'hostProbesAndHostLifecycle',
            path: 'spec.containers[0].readinessProbe.httpGet.host',
          },
        ],
      ],
    ],
  )('reports %s at its path', (_name, change, expected) => {
    expect(violations(broken(change))).toEqual(expected);
  });

  it('holds the baseline level to baseline checks only', () => {
    const relaxed = broken(p => {
      p.spec.securityContext = {};
      p.spec.containers[0].securityContext = {
        capabilities: { add: ['CHOWN'] },
      };
    });
    expect(violations(relaxed, baseline)).toEqual([]);
    expect(violations(relaxed).map(v => v.check)).toEqual(
      expect.arrayContaining([
        'runAsNonRoot',
        'seccompProfile_restricted',
        'allowPrivilegeEscalation',
        'capabilities_restricted',
      ]),
    );
    const privileged = broken(p => {
      p.spec.containers[0].securityContext = {
        privileged: true,
        capabilities: { add: ['SYS_ADMIN'] },
        seccompProfile: { type: 'Unconfined' },
      };
    });
    expect(violations(privileged, baseline)).toEqual([
      {
        check: 'privileged',
        path: 'spec.containers[0].securityContext.privileged',
      },
      {
        check: 'capabilities_baseline',
        path: 'spec.containers[0].securityContext.capabilities.add[0]',
      },
      {
        check: 'seccompProfile_baseline',
        path: 'spec.containers[0].securityContext.seccompProfile.type',
      },
    ]);
  });

  it('exempts Windows pods from the Linux-only restricted checks', () => {
    const windows = broken(p => {
      p.spec.os = { name: 'windows' };
      delete p.spec.securityContext.seccompProfile;
      p.spec.initContainers[0].securityContext = {};
      p.spec.containers[0].securityContext = {};
    });
    expect(violations(windows)).toEqual([]);
  });

  it('applies the checks of the version asked for', () => {
    const pod = broken(p => {
      p.spec.securityContext.sysctls = [
        { name: 'net.ipv4.tcp_keepalive_time', value: '60' },
      ];
    });
    const v1_28 = parsePodSecurity(
      { level: 'restricted', version: 'v1.28' },
      at,
    );
    expect(violations(pod, v1_28)).toEqual([
      { check: 'sysctls', path: 'spec.securityContext.sysctls[0].name' },
    ]);
    expect(violations(pod)).toEqual([]);
  });

  it('passes anything at the privileged level', () => {
    const privileged = parsePodSecurity({ level: 'privileged' }, at);
    expect(
      violations(
        broken(p => (p.spec.hostPID = true)),
        privileged,
      ),
    ).toEqual([]);
  });
});

describe('parsePodSecurity', () => {
  it('throws for exclude, naming the policy and rule', () => {
    expect(() =>
      parsePodSecurity(
        { level: 'restricted', exclude: [{ controlName: 'Capabilities' }] },
        at,
      ),
    ).toThrow(
      "Kyverno policy 'pss' rule 'pss': validate.podSecurity.exclude is not supported",
    );
  });

  it('rejects unknown levels and versions', () => {
    expect(() => parsePodSecurity({ level: 'strict' }, at)).toThrow(/level/);
    expect(() =>
      parsePodSecurity({ level: 'baseline', version: '1.29' }, at),
    ).toThrow(/version/);
    expect(() =>
      parsePodSecurity({ level: 'baseline', version: 'v1.18' }, at),
    ).toThrow(/not supported/);
  });
});

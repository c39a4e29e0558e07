import { describe, expect, it } from 'vitest';
import { displayServer, redact } from '../../src/cluster/redact.js';

describe('redact', () => {
  it('hides userinfo in URLs', () => {
    expect(redact('GET https://admin:s3cret@api.example.com:6443/version failed')).toBe('GET https://[redacted]@api.example.com:6443/version failed');
    expect(redact('proxy socks5://bob@10.0.0.1:1080')).toBe('proxy socks5://[redacted]@10.0.0.1:1080');
  });

  it('hides bearer tokens and basic credentials', () => {
    const text = 'headers: {"Authorization":"Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig"} and Basic YWRtaW46cGFzcw==';
    const out = redact(text);
    expect(out).not.toContain('eyJhbGciOiJSUzI1NiJ9');
    expect(out).not.toContain('YWRtaW46cGFzcw==');
    expect(out).toContain('Bearer [redacted]');
    expect(out).toContain('Basic [redacted]');
  });

  it('hides kubeconfig and ExecCredential secret fields in YAML, JSON and query form', () => {
    const out = redact('token: abc123\n"clientKeyData":"LS0tLS1CRUdJTi"\npassword=hunter2&x=1\nclient-key-data: QUJD');
    for (const secret of ['abc123', 'LS0tLS1CRUdJTi', 'hunter2', 'QUJD']) expect(out).not.toContain(secret);
    expect(out).toContain('x=1');
  });

  it('hides PEM private keys', () => {
    const out = redact('key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\nafter');
    expect(out).not.toContain('MIIEow');
    expect(out).toContain('after');
  });

  it('leaves harmless text alone, including tokenFile paths', () => {
    const text = 'tokenFile: /var/run/token; pods "web" is forbidden: User "student" cannot list resource "pods"';
    expect(redact(text)).toBe(text);
  });
});

describe('displayServer', () => {
  it('drops userinfo and the trailing slash', () => {
    expect(displayServer('https://user:pw@127.0.0.1:6443/')).toBe('https://127.0.0.1:6443');
    expect(displayServer('https://k8s.example.com/prefix')).toBe('https://k8s.example.com/prefix');
  });
});

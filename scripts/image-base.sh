#!/usr/bin/env bash
# Builds the base image every service image is layered on, as a `docker save` tarball that Jib reads
# with `tar://` — no Docker daemon, no registry (docs/adr/0017-images-with-jib.md).
#
#   scripts/image-base.sh <output-dir>     → <output-dir>/base.tar
#
# The image holds a Java runtime linked by jlink from the JDK in JAVA_HOME (the modules a Spring Boot
# service needs, plus jcmd for diagnosis), the C libraries that runtime loads (taken from this build
# machine, the way distroless images take them from Debian packages), a passwd entry for uid 10001 and
# /tmp. Nothing else: no shell, no package manager. The result is reproducible for a given JDK and C
# library: every timestamp is the epoch and entries are sorted.
set -euo pipefail

out=${1:?usage: image-base.sh <output-dir>}
jdk=${JAVA_HOME:?JAVA_HOME must point at a JDK 21 or later}
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http
modules+=,java.compiler,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa
modules+=,java.xml,jdk.charsets,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.management.jfr
modules+=,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.jcmd,jdk.attach

work="$out/base"
rootfs="$work/rootfs"
rm -rf "$work"
mkdir -p "$rootfs/opt/java" "$rootfs/etc" "$rootfs/app" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev"
mkdir -m 1777 "$rootfs/tmp"

"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$rootfs/opt/java/openjdk"

# Every shared library the runtime's executables and libraries load, at the path the loader finds it —
# but for the X11 and sound ones: a service runs headless and never loads those.
find "$rootfs/opt/java/openjdk" -type f \( -name '*.so' -o -perm -u+x \) \
  ! -name 'libawt_xawt.so' ! -name 'libjawt.so' ! -name 'libsplashscreen.so' ! -name 'libjsound.so' -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' \
  | grep -v "^$rootfs/" \
  | sort -u \
  | while read -r lib; do
      mkdir -p "$rootfs$(dirname "$lib")"
      cp -L "$lib" "$rootfs$lib"
    done

cat > "$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
parley:x:10001:10001:parley:/tmp:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat > "$rootfs/etc/group" <<'EOF'
root:x:0:
parley:x:10001:
nogroup:x:65534:
EOF
echo 'hosts: files dns' > "$rootfs/etc/nsswitch.conf"

tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$rootfs" -cf "$work/layer.tar" .
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
runtime=$("$rootfs/opt/java/openjdk/bin/java" -XshowSettings:properties -version 2>&1 \
  | awk -F' = ' '/java.runtime.version/ { print $2 }')

cat > "$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"10001","WorkingDir":"/app",
  "Env":["PATH=/opt/java/openjdk/bin:/usr/bin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.description":"Java runtime $runtime (jlink) for Parley's services"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
EOF
echo '[{"Config":"config.json","RepoTags":["parley/base:local"],"Layers":["layer.tar"]}]' > "$work/manifest.json"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work" \
  -cf "$out/base.tar" manifest.json config.json layer.tar
rm -rf "$work"
echo "image base: $out/base.tar (Java $runtime, $(du -h "$out/base.tar" | cut -f1))"

# Sourced by ./parley, from the checkout's root: whether the platform's jars or the bench's are older than what they
# are built from (BuildStateScriptTests runs these functions against a made-up checkout).

MODULES=(local-infra auth-service room-service message-service ws-gateway api-gateway)

needs_build() {
  local module jar
  [ -f local-infra/target/classpath.txt ] || return 0
  for module in "${MODULES[@]}"; do
    jar=$(ls "$module"/target/"$module"-[0-9]*.jar 2>/dev/null | head -1)
    [ -n "$jar" ] || return 0
    # sources newer than the jar, of this module or of a module of this project it depends on (its pom names them)
    if [ -n "$(find "$module/src" "$module/pom.xml" pom.xml $(project_dependencies "$module") -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
      return 0
    fi
  done
  return 1
}

# The source folders and poms of the project's modules that a module's pom names (common-events, connection-handoff …),
# and theirs in turn: a change to any of them is built into the module's jar. Test-scoped ones (local-infra) are
# followed too, since a pom's scope is not read here: at worst a change there rebuilds a jar that did not need it.
project_dependencies() {
  local seen=" $1 " queue=("$1") module artifact
  while [ ${#queue[@]} -gt 0 ]; do
    module=${queue[0]}
    queue=("${queue[@]:1}")
    for artifact in $(sed -n 's|.*<artifactId>\(.*\)</artifactId>.*|\1|p' "$module/pom.xml"); do
      if [[ "$seen" != *" $artifact "* ]] && [ -d "$artifact/src" ]; then
        seen+="$artifact "
        queue+=("$artifact")
        echo "$artifact/src" "$artifact/pom.xml"
      fi
    done
  done
}

bench_needs_build() {
  local jar
  [ -f bench/target/classpath.txt ] || return 0
  jar=$(ls bench/target/bench-[0-9]*.jar 2>/dev/null | head -1)
  [ -n "$jar" ] || return 0
  [ -z "$(find bench/src bench/pom.xml $(project_dependencies bench) -newer "$jar" -type f -print -quit 2>/dev/null)" ] || return 0
  return 1
}

# Sourced by bench/spark_cluster.sh and bench/spark_vae_scaling.sh (needs $root and $work): starts a
# standalone Spark master and two workers (1 core, 1 GiB each) on 127.0.0.1 from the Spark jars Maven
# resolved for elbo4j-spark, and stops every process it started when the calling script exits.
# Sets master_url, JAVA_HOME (a JDK 17 or 21) and SPARK_HOME ($work/spark-home).
port="${SPARK_CLUSTER_PORT:-7077}"; ui="${SPARK_CLUSTER_UI_PORT:-18080}"   # other ports when 7077 is taken
master_url="spark://127.0.0.1:$port"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13

# Build elbo4j-spark.jar and Spark's class path (the launcher does it on its first spark command).
"$root/elbo4j" spark --help >/dev/null
cp_file="$root/elbo4j-spark/target/spark-classpath.txt"
jdk=""
for cand in /usr/lib/jvm/*/bin/java; do
  v=$("$cand" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  if [ "$v" = 17 ] || [ "$v" = 21 ]; then jdk="$(dirname "$(dirname "$cand")")"; fi
done
[ -n "$jdk" ] || { echo "spark_cluster: no JDK 17 or 21 found" >&2; exit 2; }
export JAVA_HOME="$jdk"

# A SPARK_HOME for the workers: they build the executors' class path from $SPARK_HOME/jars. Spark's
# jars and their dependencies only, as on a real cluster: elbo4j's own jars (elbo4j-core, elbo4j-cli, on
# the launcher's class path) reach the executors in elbo4j-spark.jar, which the driver ships. Listed
# here too they would be loaded by the executors' system loader, elbo4j-spark.jar's other classes by
# Spark's child loader, and a package-private access between the two halves of one package fails
# (IllegalAccessError: spark fit's input-check summary reading org.elbo4j.cli.PredictorRanges).
export SPARK_HOME="$work/spark-home"
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf" "$work/logs"
tr ':' '\n' <"$cp_file" | while read -r j; do
  case "$j" in "$root"/*) continue ;; esac
  ln -sf "$j" "$SPARK_HOME/jars/"
done
flags=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$root/elbo4j-spark/pom.xml")

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

start() {  # start NAME CLASS ARGS...: a Spark daemon in the background, its log in $work/logs/NAME.log
  local name="$1"; shift
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $flags -Xmx512m -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" "$@" >"$work/logs/$name.log" 2>&1 &
  pids+=("$!")
}
wait_port() {  # wait_port PORT: until something listens (60 s at most)
  for _ in $(seq 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.5
  done
  echo "spark_cluster: nothing listens on port $1 (see $work/logs)" >&2; exit 1
}

echo "work directory: $work"
start master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$ui"
wait_port "$port"
for w in 1 2; do
  start "worker$w" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
    --webui-port $((ui + w)) --work-dir "$work/worker$w" "$master_url"
done
for _ in $(seq 300); do   # 5 minutes at most (a loaded 2-core machine took 90 s)
  [ "$(grep -c "Registering worker" "$work/logs/master.log" || true)" -ge 2 ] && break
  sleep 1
done
[ "$(grep -c "Registering worker" "$work/logs/master.log" || true)" -ge 2 ] \
  || { echo "spark_cluster: the workers did not register (see $work/logs)" >&2; exit 1; }
echo "master and 2 workers up"

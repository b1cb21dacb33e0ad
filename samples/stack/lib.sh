# Shared shell functions of run.sh and its demo: narration, port checks, health waits.
if [ -t 1 ]; then C_OK=$'\e[32m' C_FAIL=$'\e[31m' C_STEP=$'\e[1;36m' C_DIM=$'\e[2m' C_OFF=$'\e[0m'
else C_OK='' C_FAIL='' C_STEP='' C_DIM='' C_OFF=''; fi

step() { printf '\n%s▶ %s%s\n' "$C_STEP" "$*" "$C_OFF"; }
say()  { printf '  %s%s%s\n' "$C_DIM" "$*" "$C_OFF"; }
ok()   { printf '  %s✓%s %s\n' "$C_OK" "$C_OFF" "$*"; }
fail() { printf '  %s✗%s %s\n' "$C_FAIL" "$C_OFF" "$*" >&2; }

# port_taken PORT: true when something accepts connections on 127.0.0.1:PORT.
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_healthy NAME URL LOG: waits up to 60 s for URL to answer 200; prints the log tail on failure.
wait_healthy() {
  local name=$1 url=$2 log=$3 i
  for i in $(seq 1 120); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  fail "$name did not become healthy at $url within 60 s; last lines of $log:"
  tail -n 30 "$log" >&2
  return 1
}

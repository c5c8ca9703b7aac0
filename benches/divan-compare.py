"""Compare two builds' divan benches in one run: the old and the new binary
of each bench run alternately ROUNDS times, and each benchmark's best median
is reported as a ratio new/old (the machines are noisy: ratios, not times).

usage: divan-compare.py ROUNDS NAME=OLD_BIN:NEW_BIN:OLD_CRATE_DIR:NEW_CRATE_DIR ...

Build the old side in a worktree (`git worktree add /tmp/old COMMIT`, then
`cargo bench -p CRATE --no-run` there and here); the binaries are the
`target/release/deps/BENCH-*` files cargo names. Run from any directory; each
bench runs in its crate's directory, as `cargo bench` would."""
import re,subprocess,sys,collections
rounds=int(sys.argv[1])
UNIT={"ns":1e-9,"µs":1e-6,"us":1e-6,"ms":1e-3,"s":1.0}
def run(binary,cwd):
    out=subprocess.run([binary,"--bench"],capture_output=True,text=True,cwd=cwd).stdout
    res={}; stack=[]
    for line in out.split("\n"):
        m=re.match(r"^([│ ]*)[├╰]─ (\S+)\s+(.*)$",line)
        if not m:
            m0=re.match(r"^(\S+)\s+fastest",line)
            if m0: stack=[m0.group(1)]
            elif re.match(r"^[a-z_0-9]+\s*│",line): stack=[line.split()[0]]
            continue
        depth=len(m.group(1))//3+1
        name=m.group(2); rest=m.group(3)
        stack=stack[:depth]+[name]
        cols=[c.strip() for c in rest.split("│")]
        if len(cols)>=3 and cols[2]:
            mm=re.match(r"([\d.]+)\s*(ns|µs|us|ms|s)\b",cols[2])
            if mm: res["/".join(stack)]=float(mm.group(1))*UNIT[mm.group(2)]
    return res
for spec in sys.argv[2:]:
    name,rest=spec.split("=",1)
    old,new,cwd_old,cwd_new=rest.split(":")
    best={"old":collections.defaultdict(lambda:1e9),"new":collections.defaultdict(lambda:1e9)}
    for r in range(rounds):
        for which,b,c in (("old",old,cwd_old),("new",new,cwd_new)):
            for k,v in run(b,c).items(): best[which][k]=min(best[which][k],v)
    print(f"## {name}")
    for k in sorted(best["new"]):
        if k in best["old"]:
            print(f"{k:70s} new/old = {best['new'][k]/best['old'][k]:.3f}")

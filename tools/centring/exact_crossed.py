# The exact marginal posterior of the crossed gaussian benchmark (bench/brms/models.tsv "crossed":
# y ~ x + (1 | subject) + (1 | item), priors normal(0, 2.5) on b, student_t(3, 0, 2.5) on Intercept,
# sd and sigma), by quadrature: for each (sd_item, sd_subject, sigma) on a log grid the Gaussian
# parts (b_x with its N(0, 2.5²) prior and every group effect) are integrated out in closed form,
# the Intercept on a fine 1-d grid; prints the posterior mean and sd of sd_item, sd_subject, sigma
# and the posterior weight on the grid's edges (should be ~0). Reference for
# elbo4j-core CentredAccuracyTest. Usage: /usr/bin/python3 tools/centring/exact_crossed.py [data.csv]
# (written by the lead of this session; the grid is 61 x 61 x 31, about a minute).
import numpy as np, csv, sys
from scipy import stats
rows=list(csv.DictReader(open(sys.argv[1] if len(sys.argv) > 1 else 'bench/brms/gaussian_crossed.csv')))
y=np.array([float(r['y']) for r in rows]); x=np.array([float(r['x']) for r in rows]); n=len(y)
subs=sorted(set(r['subject'] for r in rows)); items=sorted(set(r['item'] for r in rows))
Z=np.zeros((n,len(subs))); W=np.zeros((n,len(items)))
for i,r in enumerate(rows): Z[i,subs.index(r['subject'])]=1; W[i,items.index(r['item'])]=1
xc=x-x.mean(); U0=np.hstack([xc[:,None],Z,W]); k=U0.shape[1]
G=U0.T@U0; Uy=U0.T@y; U1=U0.T@np.ones(n); yy=y@y; oy=y.sum(); oo=float(n)
def halft(s): return stats.t.logpdf(s,3,0,2.5)+np.log(2)
ls_i=np.linspace(np.log(0.25),np.log(2.5),61); ls_s=np.linspace(np.log(0.5),np.log(3.0),61); lsig=np.linspace(np.log(0.9),np.log(1.17),31)
mu=np.linspace(-2,4.5,261); lprior_mu=stats.t.logpdf(mu,3,0,2.5)
res=[]
for a in ls_i:
  for b in ls_s:
    for c in lsig:
      si,ss,sg=np.exp(a),np.exp(b),np.exp(c)
      d=np.concatenate([[2.5],np.full(len(subs),ss),np.full(len(items),si)])
      M=sg**2*np.eye(k)+(d[:,None]*G*d[None,:])
      L=np.linalg.cholesky(M)
      def q(ua,ub,ab):
        va=np.linalg.solve(L,d*ua); vb=np.linalg.solve(L,d*ub); return (ab-va@vb)/sg**2
      Ayy=q(Uy,Uy,yy); A1y=q(U1,Uy,oy); A11=q(U1,U1,oo)
      logdet=(n-k)*np.log(sg**2)+2*np.log(np.diag(L)).sum()
      quad=Ayy-2*mu*A1y+mu**2*A11
      ll=-0.5*quad-0.5*logdet+lprior_mu
      m=ll.max(); lmarg=m+np.log(np.exp(ll-m).sum()*(mu[1]-mu[0]))
      lp=lmarg+halft(si)+halft(ss)+halft(sg)+a+b+c   # grid uniform in log scale: Jacobian
      res.append((si,ss,sg,lp))
res=np.array(res); w=np.exp(res[:,3]-res[:,3].max()); w/=w.sum()
for j,name in enumerate(['sd_item','sd_subject','sigma']):
  m=(w*res[:,j]).sum(); s=np.sqrt((w*(res[:,j]-m)**2).sum()); print(name, round(m,4), round(s,4))
# edge mass check
print('edge weight', w[(res[:,0]==res[:,0].max())|(res[:,0]==res[:,0].min())].sum(), w[(res[:,1]==res[:,1].max())|(res[:,1]==res[:,1].min())].sum(), w[(res[:,2]==res[:,2].max())|(res[:,2]==res[:,2].min())].sum())

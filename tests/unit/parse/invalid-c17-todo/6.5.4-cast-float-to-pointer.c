// 3:3: error: cannot convert to a pointer type
int *f(double d)
{
  return (int *)d;
}

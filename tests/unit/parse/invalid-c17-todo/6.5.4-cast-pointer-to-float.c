// 3:3: error: pointer value used where a floating-point was expected
double f(int *p)
{
  return (double)p;
}

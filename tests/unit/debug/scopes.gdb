break scopes.c:21
run
print x
print sum
up 0
info locals
next
next
print x
next
next
print x
next
next
next
print i
print sq
step
step
print i
break fact if n == 2
continue
bt
print n
finish
next
print below
finish
finish
finish
next
print f
